/**
 * `ml-conformance sweep`: lists every resource the harness made on a cluster — `omlc-*` models and model groups, of
 * any run — and removes them (models are undeployed first) after a confirmation. This is how leftovers of a run that
 * could not clean up (SIGKILL, a machine that died) are removed; every live run warns about them at its start.
 * The cluster is reached like the external target: OPENSEARCH_URL (or --url) and its credential/TLS variables.
 */
import { inheritedEnv } from '../config/inherited-env.ts';
import { parseRunConfig, RunConfigError } from '../config/run-config.ts';
import { errorMessage } from '../errors/error-message.ts';
import { findLeftovers, formatAge, summarizeLeftovers, type Leftover } from '../lifecycle/leftovers.ts';
import { sweepResources, type SweepEntry } from '../lifecycle/leak-audit.ts';
import { createMlClient } from '../ml/client.ts';
import { connectExternal } from '../targets/external/connect.ts';
import { externalConfig, ExternalConfigError } from '../targets/external/external-env.ts';
import { hasFlag, lastValue, optionHelp, parseArgs, UsageError, type OptionSpec } from './cli-args.ts';
import type { CliContext, Verb } from './verb.ts';

const SWEEP_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'url',
    valueName: 'url',
    takesValue: true,
    help: 'the cluster (env OPENSEARCH_URL; credentials and TLS as for the external target)',
  },
  { name: 'older-than', valueName: 'age', takesValue: true, help: 'only resources older than this, e.g. 30m, 1h, 2d' },
  { name: 'run-id', valueName: 'id', takesValue: true, help: 'only the resources of this run id' },
  { name: 'dry-run', takesValue: false, help: 'list what would be removed, remove nothing' },
  { name: 'yes', takesValue: false, help: 'remove without asking' },
];

const UNITS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `1h`, `2d` → milliseconds. */
export function parseAge(text: string): number {
  const match = /^(\d+)\s*(s|m|min|h|d)$/.exec(text.trim());
  if (match === null) {
    throw new UsageError(`--older-than: "${text}" is not an age; use a number and s, m, h or d (e.g. 1h)`);
  }
  return Number(match[1]) * (UNITS[match[2] ?? 'h'] ?? 0);
}

export interface SweepPlan {
  readonly env: Readonly<Record<string, string>>;
  readonly olderThanMs?: number;
  readonly runId?: string;
  readonly dryRun: boolean;
  readonly yes: boolean;
}

export function planSweep(args: readonly string[]): SweepPlan {
  const parsed = parseArgs(args, SWEEP_OPTIONS);
  if (parsed.passthrough.length > 0) {
    throw new UsageError(`unexpected arguments after --: ${parsed.passthrough.join(' ')}`);
  }
  const url = lastValue(parsed, 'url');
  const age = lastValue(parsed, 'older-than');
  const runId = lastValue(parsed, 'run-id');
  return {
    env: url === undefined ? {} : { OPENSEARCH_URL: url },
    ...(age === undefined ? {} : { olderThanMs: parseAge(age) }),
    ...(runId === undefined ? {} : { runId }),
    dryRun: hasFlag(parsed, 'dry-run'),
    yes: hasFlag(parsed, 'yes'),
  };
}

/** What the sweep removes: the run's (with --run-id) and old enough (with --older-than; an unknown age never is). */
export function selectLeftovers(
  leftovers: readonly Leftover[],
  plan: Pick<SweepPlan, 'olderThanMs' | 'runId'>,
): Leftover[] {
  return leftovers.filter(
    (l) =>
      (plan.runId === undefined || l.runId === plan.runId || l.name.startsWith(`omlc-${plan.runId}-`)) &&
      (plan.olderThanMs === undefined || (l.ageMs !== undefined && l.ageMs >= plan.olderThanMs)),
  );
}

/** Resources younger than this may belong to a run in progress. */
const RECENT_MS = 3_600_000;

async function run(args: readonly string[], cli: CliContext): Promise<number> {
  const plan = planSweep(args);
  let config;
  try {
    config = externalConfig(parseRunConfig(inheritedEnv(plan.env)));
  } catch (error) {
    if (error instanceof RunConfigError || error instanceof ExternalConfigError) {
      cli.err(`ml-conformance sweep: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const client = createMlClient(config.connection);
  try {
    const info = await connectExternal(config, client);
    const found = selectLeftovers(await findLeftovers(client, Date.now()), plan);
    const filters = [
      ...(plan.runId === undefined ? [] : [`run ${plan.runId}`]),
      ...(plan.olderThanMs === undefined ? [] : [`older than ${formatAge(plan.olderThanMs)}`]),
    ];
    const scope = filters.length === 0 ? '' : ` (${filters.join(', ')})`;
    if (found.length === 0) {
      cli.out(
        `nothing to sweep: no omlc-* resources${scope} on ${config.url} (${info.distribution} ${info.versionNumber})\n`,
      );
      return 0;
    }
    cli.out(
      `${found.length} omlc-* resource(s)${scope} on ${config.url} (${info.distribution} ${info.versionNumber}):\n`,
    );
    for (const line of summarizeLeftovers(found)) {
      cli.out(`  run ${line}\n`);
    }
    for (const l of found) {
      cli.out(
        `    ${l.kind} ${l.name} (${l.id})${l.state === undefined ? '' : ` ${l.state}`}, ${formatAge(l.ageMs)} old\n`,
      );
    }
    const recent = found.filter((l) => l.ageMs === undefined || l.ageMs < RECENT_MS).length;
    if (recent > 0) {
      cli.out(
        `  ${recent} of them are less than 1 h old (or of unknown age): a run may still be using them (--older-than 1h leaves them)\n`,
      );
    }
    if (plan.dryRun) {
      cli.out('dry run: nothing removed\n');
      return 0;
    }
    if (!plan.yes) {
      if (cli.ask === undefined) {
        cli.err(
          'ml-conformance sweep: not a terminal, so nobody can confirm: pass --yes to remove them, or --dry-run to only list\n',
        );
        return 2;
      }
      const answer = await cli.ask(
        `Remove these ${found.length} resource(s)? Deployed models are undeployed first. [y/N] `,
      );
      if (!/^y(es)?$/i.test(answer.trim())) {
        cli.out('nothing removed\n');
        return 0;
      }
    }
    const report = await sweepResources(client, found, { onEntry: (entry) => cli.out(`${entryLine(entry)}\n`) });
    const failed = report.entries.filter((e) => e.outcome === 'failed').length;
    cli.out(
      failed === 0
        ? `swept ${report.entries.length} resource(s)\n`
        : `swept ${report.entries.length - failed} of ${report.entries.length}; ${failed} could not be removed (see above)\n`,
    );
    return failed === 0 ? 0 : 1;
  } catch (error) {
    cli.err(`ml-conformance sweep: ${errorMessage(error)}\n`);
    return 1;
  } finally {
    await client.close();
  }
}

function entryLine(entry: SweepEntry): string {
  const what = `${entry.kind} ${entry.name} (${entry.id})`;
  switch (entry.outcome) {
    case 'deleted':
      return `  removed ${what}`;
    case 'already-gone':
      return `  already gone: ${what}`;
    case 'failed':
      return `  could not remove ${what}: ${entry.error ?? ''}`;
  }
}

export const sweepVerb: Verb = {
  name: 'sweep',
  summary: 'list and remove omlc-* models and groups left on a cluster by any run',
  usage:
    'Usage: ml-conformance sweep [--url <url>] [--older-than <age>] [--run-id <id>] [--dry-run] [--yes]\n\n' +
    'Lists every model and model group named omlc-* (whatever run made it) with its run id and age, and removes\n' +
    'them after a confirmation: deployed models are undeployed first, models before their groups. The cluster is\n' +
    'reached like the external target (OPENSEARCH_URL, OPENSEARCH_USERNAME/PASSWORD, OPENSEARCH_CA_FILE, SigV4).\n\n' +
    `Options:\n${optionHelp(SWEEP_OPTIONS)}\n`,
  run,
};
