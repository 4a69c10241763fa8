import { describe, expect, it } from 'vitest';
import { javaFind, javaRegexToJs } from './java-regex.ts';

const DEFAULT = '^(https?|ftp|file)://[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]';
const URL = `http://127.0.0.1:8080/sha256/${'a'.repeat(64)}/model.zip`;

function find(regex: string, input: string): boolean {
  const result = javaRegexToJs(regex);
  if (!result.ok) {
    throw new Error(result.reason);
  }
  return javaFind(result.regex, input);
}

describe('Java regex find() in JS', () => {
  it('ML Commons’ default trusted_url_regex accepts the artifact URLs (ml-commons-behavior.md §4)', () => {
    expect(find(DEFAULT, URL)).toBe(true);
    expect(find(DEFAULT, 'file:///models/m.zip')).toBe(true);
    expect(find(DEFAULT, 's3://bucket/m.zip')).toBe(false);
  });

  it('find() semantics: a match anywhere is enough, anchors are honoured', () => {
    expect(find('models\\.example', 'https://models.example/x.zip')).toBe(true);
    expect(find('^models\\.example', 'https://models.example/x.zip')).toBe(false);
  });

  it.for([
    ['(?i)^HTTPS://MODELS\\.', 'https://models.example/x', true],
    ['\\Ahttps://\\Qmodels.example\\E/', 'https://models.example/x', true],
    ['\\Ahttps://\\Qmodels.example\\E/', 'https://modelsXexample/x', false],
    ['zip\\z', 'https://h/m.zip', true],
    ['zip\\Z', 'https://h/m.zip', true],
    ['^https://[a-z.]++/', 'https://h.example/x', true],
    ['^https://(?>h|g)\\.example', 'https://g.example', true],
    ['^https://\\p{Alpha}+\\.example', 'https://models.example', true],
    ['^https://[?+]x', 'https://+x', true],
  ] as const)('%s on %s → %s', ([regex, input, expected]) => {
    expect(find(regex, input)).toBe(expected);
  });

  it('notes where the JS evaluation only approximates Java', () => {
    const result = javaRegexToJs('^https://[a-z.]++/(?>x)');
    expect(result.ok && result.notes).toEqual([
      'possessive quantifier ++ treated as greedy',
      'atomic group (?>…) treated as a plain group',
    ]);
  });

  it.for([
    ['^[a-z&&[^x]]+$', 'character class intersection (&&) has no JS equivalent'],
    ['^https://(?i:models)', 'inline flags inside the pattern are not translated'],
    ['(?x) ^https', 'the (?x) comments flag has no JS equivalent'],
    ['\\p{InGreek}', '\\p{InGreek} is not translated'],
    [
      '^(unclosed',
      'not a valid JS regex after translation: Invalid regular expression: /^(unclosed/: Unterminated group',
    ],
  ] as const)('refuses %s: %s', ([regex, reason]) => {
    expect(javaRegexToJs(regex)).toEqual({ ok: false, reason });
  });
});
