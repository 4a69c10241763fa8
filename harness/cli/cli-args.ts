/**
 * The CLI's argument parsing: options declared per verb (value options take the next argument, flags take none),
 * everything after `--` passed through untouched. Pure, so every verb's parsing is unit-tested without spawning.
 */
import { OmlcError } from '../errors/omlc-error.ts';

export interface OptionSpec {
  /** `--name`; `-x` aliases go in `aliases`. */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** A value option consumes the next argument; a flag does not. */
  readonly takesValue: boolean;
  /** Shown in help: `--target <auto|native|…>   live target (env ML_TARGET)`. */
  readonly valueName?: string;
  readonly help: string;
}

export interface ParsedArgs {
  /** Option name (without dashes) → its values in order (a flag has `''` per occurrence). */
  readonly options: ReadonlyMap<string, readonly string[]>;
  /** Arguments after `--`. */
  readonly passthrough: readonly string[];
}

/** A mistake on the command line: printed with the verb's help, exit code 2. */
export class UsageError extends OmlcError<'usage'> {
  override name = 'UsageError';

  constructor(message: string) {
    super('usage', message);
  }
}

export function parseArgs(args: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const options = new Map<string, string[]>();
  const add = (name: string, value: string): void => {
    options.set(name, [...(options.get(name) ?? []), value]);
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      return { options, passthrough: args.slice(i + 1) };
    }
    const spec = specs.find((s) => `--${s.name}` === arg || (s.aliases ?? []).includes(arg));
    if (spec === undefined) {
      throw new UsageError(`unknown option ${arg}`);
    }
    if (!spec.takesValue) {
      add(spec.name, '');
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) {
      throw new UsageError(`${arg} needs a value`);
    }
    add(spec.name, value);
    i += 1;
  }
  return { options, passthrough: [] };
}

/** The last value given for a value option (a later one wins), or undefined. */
export function lastValue(parsed: ParsedArgs, name: string): string | undefined {
  return parsed.options.get(name)?.at(-1);
}

export function hasFlag(parsed: ParsedArgs, name: string): boolean {
  return parsed.options.has(name);
}

/** Help lines for options, aligned. */
export function optionHelp(specs: readonly OptionSpec[]): string {
  const left = specs.map(
    (s) => [...(s.aliases ?? []), `--${s.name}`].join(', ') + (s.valueName === undefined ? '' : ` <${s.valueName}>`),
  );
  const width = Math.max(...left.map((l) => l.length)) + 3;
  return specs.map((s, i) => `  ${(left[i] ?? '').padEnd(width)}${s.help}`).join('\n');
}
