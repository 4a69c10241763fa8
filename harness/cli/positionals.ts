/**
 * Verbs that take operands (`init <path>`, `validate [card…]`, `tokens <card> <text>`): the operands are the
 * arguments that are neither options nor the value of a value option; the rest is parsed by `parseArgs`.
 */
import { parseArgs, type OptionSpec, type ParsedArgs } from './cli-args.ts';

export function parseWithOperands(
  args: readonly string[],
  specs: readonly OptionSpec[],
): ParsedArgs & { readonly operands: readonly string[] } {
  const operands: string[] = [];
  const options: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      options.push(...args.slice(i));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    options.push(arg);
    const spec = specs.find((s) => `--${s.name}` === arg || (s.aliases ?? []).includes(arg));
    const value = args[i + 1];
    if (spec?.takesValue === true && value !== undefined && !value.startsWith('--')) {
      options.push(value);
      i += 1;
    }
  }
  return { ...parseArgs(options, specs), operands };
}
