/**
 * `ml-conformance [verb] [options]`: picks the verb (the first argument when it names one, else the default `run`),
 * prints help, and turns usage mistakes into a message, the verb's help and exit code 2.
 */
import { UsageError } from './cli-args.ts';
import type { CliContext, Verb } from './verb.ts';
import { VERBS } from './verbs.ts';

export function mainHelp(verbs: readonly Verb[] = VERBS): string {
  const width = Math.max(...verbs.map((v) => v.name.length)) + 3;
  const [defaultVerb] = verbs;
  return (
    'Usage: ml-conformance [<verb>] [options]\n\n' +
    `Verbs (default: ${defaultVerb?.name ?? '-'}):\n` +
    verbs.map((v) => `  ${v.name.padEnd(width)}${v.summary}`).join('\n') +
    '\n\nml-conformance <verb> --help shows the options of a verb.\n\n' +
    (defaultVerb?.usage ?? '')
  );
}

export async function main(argv: readonly string[], cli: CliContext, verbs: readonly Verb[] = VERBS): Promise<number> {
  const [first, ...rest] = argv;
  const named = verbs.find((v) => v.name === first);
  const verb = named ?? verbs[0];
  const args = named === undefined ? argv : rest;
  if (verb === undefined) {
    cli.err('ml-conformance: no verbs\n');
    return 2;
  }
  const help = args.indexOf('--');
  const beforePassthrough = help < 0 ? args : args.slice(0, help);
  if (beforePassthrough.includes('--help') || beforePassthrough.includes('-h')) {
    cli.out(named === undefined ? mainHelp(verbs) : verb.usage);
    return 0;
  }
  try {
    return await verb.run(args, cli);
  } catch (error) {
    if (error instanceof UsageError) {
      cli.err(`ml-conformance${named === undefined ? '' : ` ${verb.name}`}: ${error.message}\n\n${verb.usage}`);
      return 2;
    }
    throw error;
  }
}
