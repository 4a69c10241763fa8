/**
 * How one environment variable is declared: what it means, what it defaults to, and how its text becomes a typed
 * value. Unset and empty (or only blanks) mean the same — CI systems often export empty variables — so `unset()` gives
 * the value of both; `parse` only ever sees a non-blank string and throws an {@link EnvValueError} naming what would be
 * accepted. The builders below are the only kinds of value the project reads from its environment.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { OmlcError } from '../errors/omlc-error.ts';

export interface EnvVar<T> {
  /** The kind of value, for the README table and messages: `boolean`, `list of ids`, `one of …`, `path`. */
  readonly type: string;
  /** One line: what it changes. */
  readonly doc: string;
  /** The default as a reader sees it (`—` for none). */
  readonly shownDefault: string;
  /** Never echoed in errors or logs. */
  readonly secret: boolean;
  unset(): T;
  parse(raw: string): T;
}

/** A value that does not fit its variable; the message says what would be accepted. */
export class EnvValueError extends OmlcError<'bad-env'> {
  override name = 'EnvValueError';

  constructor(message: string) {
    super('bad-env', message);
  }
}

interface Common {
  readonly doc: string;
}

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

/** The one boolean rule: true/false, 1/0, yes/no, on/off, case-insensitive. */
export function flag(options: Common & { readonly fallback: boolean }): EnvVar<boolean> {
  return {
    type: 'boolean',
    doc: options.doc,
    shownDefault: String(options.fallback),
    secret: false,
    unset: () => options.fallback,
    parse(raw) {
      const value = raw.trim().toLowerCase();
      if (TRUE.includes(value)) {
        return true;
      }
      if (FALSE.includes(value)) {
        return false;
      }
      throw new EnvValueError(
        `${JSON.stringify(raw)} is not a boolean; use true or false (also accepted, in any case: ` +
          `${[...TRUE.slice(1), ...FALSE.slice(1)].join(', ')})`,
      );
    },
  };
}

/** Free text, blanks around it removed; `undefined` when unset unless there is a fallback. */
export function text(options: Common & { readonly shownDefault?: string }): EnvVar<string | undefined>;
export function text(options: Common & { readonly fallback: string; readonly shownDefault?: string }): EnvVar<string>;
export function text(
  options: Common & { readonly fallback?: string; readonly shownDefault?: string },
): EnvVar<string | undefined> {
  return {
    type: 'text',
    doc: options.doc,
    shownDefault: options.shownDefault ?? options.fallback ?? '—',
    secret: false,
    unset: () => options.fallback,
    parse: (raw) => raw.trim(),
  };
}

/** A credential: kept exactly as given (blanks included), never shown. */
export function secret(options: Common): EnvVar<string | undefined> {
  return {
    type: 'secret',
    doc: options.doc,
    shownDefault: '—',
    secret: true,
    unset: () => undefined,
    parse: (raw) => raw,
  };
}

/** A file system path, resolved against the working directory. */
export function pathVar(options: Common & { readonly shownDefault: string }): EnvVar<string | undefined>;
export function pathVar(
  options: Common & { readonly shownDefault: string; readonly fallback: () => string },
): EnvVar<string>;
export function pathVar(
  options: Common & { readonly shownDefault: string; readonly fallback?: () => string },
): EnvVar<string | undefined> {
  return {
    type: 'path',
    doc: options.doc,
    shownDefault: options.shownDefault,
    secret: false,
    unset: () => options.fallback?.(),
    parse: (raw) => path.resolve(raw.trim()),
  };
}

/** The user cache of downloads (OpenSearch distributions, URL artifacts). */
export function defaultCacheDir(): string {
  return path.join(homedir(), '.cache', 'opensearch-ml-conformance');
}

/** One of a fixed set of words, case-insensitive. */
export function oneOf<const V extends string>(
  values: readonly V[],
  options: Common & { readonly fallback: V; readonly problem?: (raw: string) => string },
): EnvVar<V>;
export function oneOf<const V extends string>(
  values: readonly V[],
  options: Common & { readonly problem?: (raw: string) => string },
): EnvVar<V | undefined>;
export function oneOf<const V extends string>(
  values: readonly V[],
  options: Common & { readonly fallback?: V; readonly problem?: (raw: string) => string },
): EnvVar<V | undefined> {
  return {
    type: `one of ${values.join(', ')}`,
    doc: options.doc,
    shownDefault: options.fallback ?? '—',
    secret: false,
    unset: () => options.fallback,
    parse(raw) {
      const value = raw.trim().toLowerCase();
      const found = values.find((v) => v === value);
      if (found === undefined) {
        throw new EnvValueError(options.problem?.(raw) ?? `${JSON.stringify(raw)} is not one of ${values.join(', ')}`);
      }
      return found;
    },
  };
}

/** Text that must match a pattern (`problem` says what would). */
export function matching(pattern: RegExp, options: Common & { readonly problem: string }): EnvVar<string | undefined> {
  return {
    type: 'text',
    doc: options.doc,
    shownDefault: '—',
    secret: false,
    unset: () => undefined,
    parse(raw) {
      const value = raw.trim();
      if (!pattern.test(value)) {
        throw new EnvValueError(options.problem);
      }
      return value;
    },
  };
}

/** A whole number in [min, max]; `problem` words the refusal (unit, range, default). */
interface IntegerOptions extends Common {
  readonly min: number;
  readonly max: number;
  readonly shownDefault?: string;
  readonly problem: (raw: string, reason: 'not-a-number' | 'not-whole' | 'too-small' | 'too-large') => string;
}

/** A whole number in [min, max]; without a fallback, unset is `undefined` (the caller decides what that means). */
export function integer(options: IntegerOptions & { readonly fallback: number }): EnvVar<number>;
export function integer(options: IntegerOptions & { readonly shownDefault: string }): EnvVar<number | undefined>;
export function integer(options: IntegerOptions & { readonly fallback?: number }): EnvVar<number | undefined> {
  return {
    type: `integer ${options.min}–${options.max}`,
    doc: options.doc,
    shownDefault: options.shownDefault ?? String(options.fallback),
    secret: false,
    unset: () => options.fallback,
    parse(raw) {
      const value = raw.trim();
      const number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value) ? Number(value) : Number.NaN;
      const reason = Number.isNaN(number)
        ? 'not-a-number'
        : !Number.isInteger(number)
          ? 'not-whole'
          : number < options.min
            ? 'too-small'
            : number > options.max
              ? 'too-large'
              : undefined;
      if (reason !== undefined) {
        throw new EnvValueError(options.problem(raw, reason));
      }
      return number;
    },
  };
}

/** Comma-separated items (blanks around each removed, empty items dropped); `check` refuses bad items. */
export function list(
  options: Common & {
    readonly item: string;
    readonly shownDefault?: string;
    readonly separator?: RegExp;
    readonly check?: (items: readonly string[]) => string | undefined;
  },
): EnvVar<readonly string[] | undefined> {
  return {
    type: `list of ${options.item}`,
    doc: options.doc,
    shownDefault: options.shownDefault ?? '—',
    secret: false,
    unset: () => undefined,
    parse(raw) {
      const items = raw
        .split(options.separator ?? /,/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
      const problem = options.check?.(items);
      if (problem !== undefined) {
        throw new EnvValueError(problem);
      }
      return items.length === 0 ? undefined : [...new Set(items)];
    },
  };
}

/** Full OpenSearch versions such as `2.19.6`, comma- or blank-separated. */
export function versionList(
  options: Common & { readonly shownDefault: string },
): EnvVar<readonly string[] | undefined> {
  return list({
    doc: options.doc,
    item: 'versions',
    shownDefault: options.shownDefault,
    separator: /[,\s]+/,
    check(items) {
      const bad = items.filter((v) => !/^\d+\.\d+\.\d+$/.test(v));
      return bad.length === 0
        ? undefined
        : `has ${bad.map((b) => `"${b}"`).join(', ')}; give full versions such as 2.19.6,3.6.0`;
    },
  });
}
