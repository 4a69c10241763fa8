/**
 * `ml-conformance baseline record --out <file>` and `ml-conformance baseline compare <file>`: a conformance run that
 * also writes a baseline file of its one cluster (`OMLC_BASELINE_OUT`), or compares every live version it runs with a
 * baseline file (`OMLC_BASELINE`, the `drift.*` checks and `drift.md`). Both take the shared target options; `--simulator
 * <profile>` records or compares the simulator instead (how the self-test proves drift detection).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadBaseline } from '../baseline/load-baseline.ts';
import { BaselineError } from '../baseline/baseline-error.ts';
import { inheritedEnv } from '../config/inherited-env.ts';
import { parseRunConfig } from '../config/run-config.ts';
import { planLiveProjects } from '../targets/live/live-plan.ts';
import { SIMULATOR_PROFILE_IDS } from '../targets/simulator/profile-ids.ts';
import { lastValue, optionHelp, parseArgs, UsageError, type OptionSpec } from './cli-args.ts';
import { runVitest, type RunPlan } from './run-verb.ts';
import { TARGET_FLAGS, targetEnv } from './target-flags.ts';
import type { CliContext, Verb } from './verb.ts';

const SIMULATOR: OptionSpec = {
  name: 'simulator',
  valueName: SIMULATOR_PROFILE_IDS.join('|'),
  takesValue: true,
  help: 'use the simulator with this version profile instead of a live cluster',
};
const RECORD_OPTIONS: readonly OptionSpec[] = [
  { name: 'out', valueName: 'file', takesValue: true, help: 'where to write the baseline (JSON)' },
  ...TARGET_FLAGS,
  SIMULATOR,
];
const COMPARE_OPTIONS: readonly OptionSpec[] = [...TARGET_FLAGS, SIMULATOR];

export interface BaselinePlan extends RunPlan {
  readonly action: 'record' | 'compare';
  /** Absolute path of the baseline file written or read. */
  readonly file: string;
}

/** The Vitest projects the run covers: one simulator profile, or the live projects of the target options. */
function projects(action: 'record' | 'compare', simulator: string | undefined, env: Record<string, string>): string[] {
  if (simulator !== undefined) {
    if (!SIMULATOR_PROFILE_IDS.includes(simulator)) {
      throw new UsageError(
        `--simulator: "${simulator}" is not a profile; use one of: ${SIMULATOR_PROFILE_IDS.join(', ')}`,
      );
    }
    return [`offline:${simulator}`];
  }
  const live = planLiveProjects(parseRunConfig(inheritedEnv(env)));
  if (live.some((entry) => entry.requested === 'none')) {
    throw new UsageError(
      `ML_TARGET=none leaves no cluster to ${action}; give a live target (--target, --url) or --simulator <profile>`,
    );
  }
  if (action === 'record' && live.length > 1) {
    throw new UsageError(
      `a baseline records one cluster, and this run would start ${live.map((e) => e.projectName).join(', ')}: ` +
        'pass --versions <one version> or --url <cluster>',
    );
  }
  return live.map((entry) => entry.projectName);
}

export function planBaseline(args: readonly string[], cwd: string = process.cwd()): BaselinePlan {
  const [action, ...rest] = args;
  if (action === 'record') {
    const parsed = parseArgs(rest, RECORD_OPTIONS);
    const out = lastValue(parsed, 'out');
    if (out === undefined) {
      throw new UsageError('baseline record needs --out <file>');
    }
    const file = path.resolve(cwd, out);
    const env = { ...targetEnv(parsed), OMLC_BASELINE_OUT: file };
    const selected = projects('record', lastValue(parsed, 'simulator'), env);
    return {
      action,
      file,
      env,
      vitestArgs: ['run', ...selected.flatMap((p) => ['--project', p]), ...parsed.passthrough],
    };
  }
  if (action === 'compare') {
    const [given, ...options] = rest;
    if (given === undefined || given.startsWith('--')) {
      throw new UsageError('baseline compare needs the baseline file: ml-conformance baseline compare <file>');
    }
    const parsed = parseArgs(options, COMPARE_OPTIONS);
    const file = path.resolve(cwd, given);
    const env = { ...targetEnv(parsed), OMLC_BASELINE: file };
    const selected = projects('compare', lastValue(parsed, 'simulator'), env);
    return {
      action,
      file,
      env,
      vitestArgs: ['run', ...selected.flatMap((p) => ['--project', p]), ...parsed.passthrough],
    };
  }
  throw new UsageError(action === undefined ? 'baseline needs record or compare' : `unknown baseline action ${action}`);
}

async function run(args: readonly string[], cli: CliContext): Promise<number> {
  const plan = planBaseline(args);
  if (plan.action === 'compare') {
    try {
      // Refuse a broken baseline before any cluster starts, with every problem and its field path.
      loadBaseline(plan.file);
    } catch (error) {
      if (error instanceof BaselineError) {
        cli.err(`ml-conformance baseline compare: the baseline cannot be used:\n${error.message}\n`);
        return 2;
      }
      throw error;
    }
  }
  const code = await runVitest(plan, cli);
  if (plan.action === 'record' && !existsSync(plan.file)) {
    cli.err(`ml-conformance baseline record: no baseline was written to ${plan.file} (see the run's [omlc] lines)\n`);
    return code === 0 ? 1 : code;
  }
  return code;
}

export const baselineVerb: Verb = {
  name: 'baseline',
  summary: 'record a baseline of one cluster, or compare a run with a baseline (embedding drift)',
  usage:
    'Usage: ml-conformance baseline record --out <file> [options] [-- <vitest args>]\n' +
    '       ml-conformance baseline compare <file> [options] [-- <vitest args>]\n\n' +
    'record: runs the suites on one cluster and writes its baseline: every card’s sha256, model_config, the vector of\n' +
    'every probe × content type, each check’s verdict and the phase timings.\n' +
    'compare: runs the suites on the live target(s) and compares each with the baseline (drift.* checks, reports/drift.md);\n' +
    'the same as OMLC_BASELINE=<file> npx vitest run.\n\n' +
    `record options:\n${optionHelp(RECORD_OPTIONS)}\n\ncompare options:\n${optionHelp(COMPARE_OPTIONS)}\n`,
  run,
};
