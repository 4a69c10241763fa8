/**
 * `ml-conformance [run] [options] [-- vitest args]`: the conformance run — Vitest from the package root, so suites,
 * fixtures and reports stay where the README says, with the target options turned into their variables.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { inheritedEnv } from '../config/inherited-env.ts';
import { hasFlag, optionHelp, parseArgs, type OptionSpec } from './cli-args.ts';
import { CARDS_DIR_FLAG, cardsDirEnv } from './cards-dir-flag.ts';
import { TARGET_FLAGS, targetEnv } from './target-flags.ts';
import type { CliContext, Verb } from './verb.ts';

const RUN_OPTIONS: readonly OptionSpec[] = [
  ...TARGET_FLAGS,
  CARDS_DIR_FLAG,
  { name: 'offline', takesValue: false, help: 'only the simulator projects (no live cluster)' },
  { name: 'live', takesValue: false, help: 'only the live projects' },
];

export interface RunPlan {
  /** Arguments after `vitest`. */
  readonly vitestArgs: readonly string[];
  /** Variables set for the Vitest process on top of this environment. */
  readonly env: Readonly<Record<string, string>>;
}

export function planRun(args: readonly string[]): RunPlan {
  const parsed = parseArgs(args, RUN_OPTIONS);
  return {
    vitestArgs: [
      'run',
      ...(hasFlag(parsed, 'offline') ? ['--project', 'offline:*'] : []),
      ...(hasFlag(parsed, 'live') ? ['--project', 'live*'] : []),
      ...parsed.passthrough,
    ],
    env: { ...targetEnv(parsed), ...cardsDirEnv(parsed) },
  };
}

async function run(args: readonly string[], cli: CliContext): Promise<number> {
  return runVitest(planRun(args), cli);
}

/** Runs Vitest from the package root with the plan's arguments and variables; resolves to its exit code. */
export async function runVitest(plan: RunPlan, cli: CliContext): Promise<number> {
  const vitest = path.join(cli.root, 'node_modules', 'vitest', 'vitest.mjs');
  if (!existsSync(vitest)) {
    cli.err(`ml-conformance: Vitest is not installed in ${cli.root}; run \`npm ci\` there first.\n`);
    return 2;
  }
  const child = spawn(process.execPath, [vitest, ...plan.vitestArgs], {
    cwd: cli.root,
    env: inheritedEnv(plan.env),
    stdio: 'inherit',
  });
  // `kill <this pid>` must reach Vitest, which cleans up and exits (harness/run/interrupt-guard.ts); this process
  // waits for it. A terminal's Ctrl-C reaches both: Vitest counts the same signal twice within 300 ms once.
  const forward = (signal: NodeJS.Signals) => (): void => {
    child.kill(signal);
  };
  const forwarders = (['SIGINT', 'SIGTERM'] as const).map((signal) => [signal, forward(signal)] as const);
  for (const [signal, listener] of forwarders) {
    process.on(signal, listener);
  }
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      for (const [name, listener] of forwarders) {
        process.off(name, listener);
      }
      resolve(code ?? (signal === null ? 1 : 128 + (constants.signals[signal] ?? 0)));
    });
  });
}

export const runVerb: Verb = {
  name: 'run',
  summary: 'run the conformance suites and write reports/ (the default verb)',
  usage:
    'Usage: ml-conformance [run] [options] [-- <vitest args>]\n\n' +
    'Runs the OpenSearch ML Commons conformance suites (Vitest) and writes reports/.\n\n' +
    `Options:\n${optionHelp(RUN_OPTIONS)}\n`,
  run,
};
