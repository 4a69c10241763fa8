/**
 * Leak audit and sweep: what is still on the cluster under a name prefix — a run's (`omlc-<runId>-`), a scope's, or
 * every run's (`omlc-`) —, found kind by kind (resource-kinds.ts), and a sweep that removes it in release order
 * (models before their groups). The ledger is the first line of defence; this one also catches what a killed
 * process or a request still in flight at Ctrl-C left behind. Searches see documents after the index refresh
 * (≈1 s), so audit at the end of a run, not right after creating something.
 */
import { errorMessage } from '../errors/error-message.ts';
import type { Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { isMlHttpError } from '../ml/errors.ts';
import { kindOf, SWEEPABLE_KINDS, type FoundResource, type SweepableKind } from './resource-kinds.ts';
import { runIdPrefix } from './resource-naming.ts';

/** Every resource of every kind whose name starts with `namePrefix`, in release order. */
export async function findResources(
  client: MlClient,
  namePrefix: string,
  kinds: readonly SweepableKind[] = SWEEPABLE_KINDS,
): Promise<FoundResource[]> {
  const perKind = await Promise.all(kinds.map((kind) => kind.find(client, namePrefix)));
  return inReleaseOrder(perKind.flat(), kinds);
}

export function findRunResources(client: MlClient, runId: string): Promise<FoundResource[]> {
  return findResources(client, runIdPrefix(runId));
}

export type SweepOutcome = 'deleted' | 'already-gone' | 'failed';

export interface SweepEntry {
  readonly kind: string;
  readonly id: string;
  readonly name: string;
  readonly outcome: SweepOutcome;
  readonly error?: string;
}

export interface SweepReport {
  readonly entries: readonly SweepEntry[];
  readonly ok: boolean;
}

export interface SweepOptions {
  /** Budget per resource for its waits (undeploy, a request in flight); default 60 s. */
  readonly budgetMs?: number;
  readonly hurry?: AbortSignal;
  readonly clock?: Clock;
  readonly kinds?: readonly SweepableKind[];
  /** Called after each resource, e.g. to print progress. */
  readonly onEntry?: (entry: SweepEntry) => void;
}

/** Removes everything named after the run. Never throws for a single resource. */
export async function sweepRunResources(
  client: MlClient,
  runId: string,
  options: SweepOptions = {},
): Promise<SweepReport> {
  return sweepResources(client, await findRunResources(client, runId), options);
}

/** Removes what was found, in release order. Never throws for a single resource. */
export async function sweepResources(
  client: MlClient,
  found: readonly FoundResource[],
  options: SweepOptions = {},
): Promise<SweepReport> {
  const kinds = options.kinds ?? SWEEPABLE_KINDS;
  const release = {
    budgetMs: options.budgetMs ?? 60_000,
    ...(options.hurry === undefined ? {} : { hurry: options.hurry }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  };
  const entries: SweepEntry[] = [];
  for (const resource of inReleaseOrder(found, kinds)) {
    const entry = await attempt(resource, () => kindOf(resource.kind, kinds).release(client, resource, release));
    entries.push(entry);
    options.onEntry?.(entry);
  }
  return { entries, ok: entries.every((entry) => entry.outcome !== 'failed') };
}

function inReleaseOrder(found: readonly FoundResource[], kinds: readonly SweepableKind[]): FoundResource[] {
  const order = (resource: FoundResource): number => kindOf(resource.kind, kinds).releaseOrder;
  // Array.prototype.sort is stable: within a kind, the search order stays.
  return [...found].sort((a, b) => order(a) - order(b));
}

async function attempt(resource: FoundResource, action: () => Promise<void>): Promise<SweepEntry> {
  const base = { kind: resource.kind, id: resource.id, name: resource.name };
  try {
    await action();
    return { ...base, outcome: 'deleted' };
  } catch (error) {
    if (isMlHttpError(error, 404)) {
      return { ...base, outcome: 'already-gone' };
    }
    return { ...base, outcome: 'failed', error: errorMessage(error) };
  }
}
