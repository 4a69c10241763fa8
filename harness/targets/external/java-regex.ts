/**
 * ML Commons checks a model URL with `Pattern.compile(trusted_url_regex).matcher(url).find()` (ml-commons-behavior.md
 * §4): a match anywhere in the URL is enough. A JS RegExp without the `g`/`y` flags and `test()` has the same
 * "find" meaning. Java syntax that JS lacks is translated where the meaning is the same for a URL; what cannot be
 * translated faithfully is reported, so the pre-flight says "could not check" instead of guessing.
 *
 * Translated: leading `(?i)`/`(?s)`/`(?m)` → flags; `\Q…\E` → escaped literal; `\A` → `^`; `\z` → `$`;
 * `\Z` → `(?=\n?$)`; possessive quantifiers `*+ ++ ?+` → greedy and atomic groups `(?>…)` → `(?:…)` (same result
 * unless backtracking into them would be needed to match, which the default regex never does); POSIX classes
 * `\p{Alpha}` `\p{Digit}` `\p{Alnum}` `\p{Punct}` → ASCII sets.
 * Not translated (reported as unsupported): character class intersection `&&`, inline flags in the middle,
 * `\p{…}` other than the above.
 */

export type JavaRegexResult =
  | { readonly ok: true; readonly regex: RegExp; readonly notes: readonly string[] }
  | { readonly ok: false; readonly reason: string };

const POSIX: Record<string, string> = {
  Alpha: 'A-Za-z',
  Digit: '0-9',
  Alnum: 'A-Za-z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Lower: 'a-z',
  Upper: 'A-Z',
  Space: ' \\t\\n\\x0B\\f\\r',
};

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function javaRegexToJs(source: string): JavaRegexResult {
  const notes: string[] = [];
  let flags = '';
  let rest = source;
  const leading = /^\(\?([imsx]+)\)/.exec(rest);
  if (leading?.[1] !== undefined) {
    if (leading[1].includes('x')) {
      return { ok: false, reason: 'the (?x) comments flag has no JS equivalent' };
    }
    flags = [...new Set(leading[1])].join('');
    rest = rest.slice(leading[0].length);
  }
  if (/\(\?[a-z-]+[:)]/i.test(rest.replace(/\\./g, ''))) {
    return { ok: false, reason: 'inline flags inside the pattern are not translated' };
  }
  if (/&&/.test(rest.replace(/\\./g, ''))) {
    return { ok: false, reason: 'character class intersection (&&) has no JS equivalent' };
  }
  let out = '';
  // Inside [...] the quantifier and group syntax below is literal.
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i] ?? '';
    const next = rest[i + 1] ?? '';
    if (ch === '\\') {
      if (next === 'Q') {
        const end = rest.indexOf('\\E', i + 2);
        out += escapeLiteral(rest.slice(i + 2, end === -1 ? rest.length : end));
        i = end === -1 ? rest.length : end + 1;
        continue;
      }
      if (next === 'A') {
        out += '^';
      } else if (next === 'z') {
        out += '$';
      } else if (next === 'Z') {
        out += '(?=\\n?$)';
      } else if (next === 'p' || next === 'P') {
        const name = /^\{(\w+)\}/.exec(rest.slice(i + 2))?.[1];
        const set = name === undefined ? undefined : POSIX[name];
        if (name === undefined || set === undefined) {
          return { ok: false, reason: `\\${next}{${name ?? '?'}} is not translated` };
        }
        out += next === 'p' ? `[${set}]` : `[^${set}]`;
        i += name.length + 2;
      } else {
        out += `${ch}${next}`;
      }
      i++;
      continue;
    }
    if (inClass || ch === '[') {
      inClass = ch === '[' ? true : ch !== ']' || /\[\^?$/.test(out);
      out += ch;
      continue;
    }
    if (ch === '(' && next === '?' && rest[i + 2] === '>') {
      out += '(?:';
      notes.push('atomic group (?>…) treated as a plain group');
      i += 2;
      continue;
    }
    if (next === '+' && (ch === '*' || ch === '+' || ch === '?' || ch === '}')) {
      out += ch;
      notes.push(`possessive quantifier ${ch}+ treated as greedy`);
      i++;
      continue;
    }
    out += ch;
  }
  try {
    return { ok: true, regex: new RegExp(out, flags), notes: [...new Set(notes)] };
  } catch (error) {
    return { ok: false, reason: `not a valid JS regex after translation: ${(error as Error).message}` };
  }
}

/** `Matcher.find()`: true when the pattern matches anywhere in `input`. */
export function javaFind(regex: RegExp, input: string): boolean {
  regex.lastIndex = 0;
  return regex.test(input);
}
