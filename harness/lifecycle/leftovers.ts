/**
 * Other runs' leftovers: every `omlc-*` resource on a cluster, grouped by the run id in its name, with its age. A run
 * killed with SIGKILL (or a machine that died) leaves its resources behind; the next run reports them as a warning,
 * and `npx ml-conformance sweep` lists and removes them.
 */
import { SUITE_CATALOGS } from '../checks/catalog/index.ts';
import type { MlClient } from '../ml/client.ts';
import { findResources } from './leak-audit.ts';
import type { FoundResource } from './resource-kinds.ts';

/** Every resource the harness creates is named `omlc-<runId>-…`. */
export const HARNESS_PREFIX = 'omlc-';

/** Run ids the harness makes: `r<yyyymmdd>t<hhmmss>-<suffix>` (run-id.ts); OMLC_RUN_ID may be anything else. */
const GENERATED_RUN = /^omlc-(r(\d{4})(\d{2})(\d{2})t(\d{2})(\d{2})(\d{2})-[a-z0-9]{1,8})-/;

/** Suite scopes follow the run id in every name (`omlc-<runId>-<suite>-…`): they delimit a run id set by OMLC_RUN_ID. */
const SUITES = SUITE_CATALOGS.flatMap((c) => (c.file.endsWith('.spec.ts') ? [c.file.replace(/\.spec\.ts$/, '')] : []));

function customRunId(name: string): string | undefined {
  const rest = name.slice(HARNESS_PREFIX.length);
  const cut = SUITES.map((suite) => rest.indexOf(`-${suite}-`)).filter((index) => index > 0);
  return cut.length === 0 ? undefined : rest.slice(0, Math.min(...cut));
}

export interface Leftover extends FoundResource {
  /** The run id in the name, or `?` when it cannot be told apart from the rest of the name. */
  readonly runId: string;
  /** Milliseconds since creation (the cluster's created_time, else the run id's start time), when known. */
  readonly ageMs?: number;
}

export function describeLeftover(resource: FoundResource, now: number): Leftover {
  const match = GENERATED_RUN.exec(resource.name);
  const started =
    match === null
      ? undefined
      : Date.UTC(
          Number(match[2]),
          Number(match[3]) - 1,
          Number(match[4]),
          Number(match[5]),
          Number(match[6]),
          Number(match[7]),
        );
  const since = resource.createdAt ?? started;
  return {
    ...resource,
    runId: match?.[1] ?? customRunId(resource.name) ?? '?',
    ...(since === undefined ? {} : { ageMs: Math.max(0, now - since) }),
  };
}

/** Every `omlc-*` resource whose name does not carry `exceptRunId`. */
export async function findLeftovers(client: MlClient, now: number, exceptRunId?: string): Promise<Leftover[]> {
  const found = await findResources(client, HARNESS_PREFIX);
  const mine = exceptRunId === undefined ? undefined : `${HARNESS_PREFIX}${exceptRunId}-`;
  return found.filter((r) => mine === undefined || !r.name.startsWith(mine)).map((r) => describeLeftover(r, now));
}

/** `2 h 5 min`, `40 s`. */
export function formatAge(ms: number | undefined): string {
  if (ms === undefined) {
    return 'age unknown';
  }
  const s = Math.round(ms / 1000);
  if (s < 60) {
    return `${s} s`;
  }
  const min = Math.floor(s / 60);
  if (min < 60) {
    return `${min} min`;
  }
  const h = Math.floor(min / 60);
  return h < 48 ? `${h} h ${min % 60} min` : `${Math.floor(h / 24)} d`;
}

/** One line per run id, oldest first: `r20261201t101010-ab12: 3 (2 model, 1 model-group), 5 h 2 min old`. */
export function summarizeLeftovers(leftovers: readonly Leftover[]): string[] {
  const byRun = new Map<string, Leftover[]>();
  for (const l of leftovers) {
    byRun.set(l.runId, [...(byRun.get(l.runId) ?? []), l]);
  }
  return [...byRun.entries()]
    .map(([runId, items]) => {
      const kinds = new Map<string, number>();
      items.forEach((i) => kinds.set(i.kind, (kinds.get(i.kind) ?? 0) + 1));
      const ages = items.flatMap((i) => (i.ageMs === undefined ? [] : [i.ageMs]));
      const oldest = ages.length === 0 ? undefined : Math.max(...ages);
      const breakdown = [...kinds.entries()].map(([kind, n]) => `${n} ${kind}`).join(', ');
      return { oldest: oldest ?? -1, line: `${runId}: ${items.length} (${breakdown}), ${formatAge(oldest)} old` };
    })
    .sort((a, b) => b.oldest - a.oldest)
    .map((entry) => entry.line);
}
