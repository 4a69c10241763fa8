/**
 * Leak audit: what is still on the cluster from a run, found by the run-id prefix every resource name carries, and a
 * sweep that removes it (models first, since a group with models cannot be deleted). The ledger is the first line of
 * defence; this one also catches what a killed process or a lost response left behind. Searches see documents after
 * the index refresh (≈1 s), so audit at the end of a run, not right after creating something.
 */
import { errorMessage } from '../errors/error-message.ts';
import type { Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { isMlHttpError } from '../ml/errors.ts';
import type { ModelGroupSearchHit, ModelSearchHit } from '../ml/schemas.ts';
import { releaseModel, type ModelReleaseClient } from './model-release.ts';
import { runIdPrefix } from './resource-naming.ts';

export type AuditClient = Pick<MlClient, 'searchModels' | 'searchModelGroups'>;
export type SweepClient = AuditClient & ModelReleaseClient & Pick<MlClient, 'deleteModelGroup'>;

export interface RunResources {
  readonly models: readonly ModelSearchHit[];
  readonly groups: readonly ModelGroupSearchHit[];
}

/** ML Commons caps `size` at the index's max_result_window (10 000); a run creates far fewer. */
const AUDIT_PAGE_SIZE = 1000;

export async function findRunResources(client: AuditClient, runId: string): Promise<RunResources> {
  const prefix = runIdPrefix(runId);
  const byPrefix = { prefix: { 'name.keyword': prefix } };
  const [models, groups] = await Promise.all([
    client.searchModels({
      size: AUDIT_PAGE_SIZE,
      // Model chunks are documents of the same index that repeat the model's name.
      query: { bool: { filter: [byPrefix], must_not: [{ exists: { field: 'chunk_number' } }] } },
    }),
    client.searchModelGroups({ size: AUDIT_PAGE_SIZE, query: { bool: { filter: [byPrefix] } } }),
  ]);
  // Filter again locally: the prefix must hold even if a server (or a simulator) ignores part of the query.
  const named = (name: string | undefined): boolean => name?.startsWith(prefix) === true;
  return {
    models: models.hits.filter((hit) => hit.source.chunk_number === undefined && named(hit.source.name)),
    groups: groups.hits.filter((hit) => named(hit.source.name)),
  };
}

export type SweepOutcome = 'deleted' | 'already-gone' | 'failed';

export interface SweepEntry {
  readonly kind: 'model' | 'model-group' | 'index' | 'ingest-pipeline';
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
  /** Budget per model to leave the deployed states; default 60 s. */
  readonly undeployTimeoutMs?: number;
  readonly clock?: Clock;
}

/** Undeploys and deletes every model of the run, then its groups. Never throws for a single resource. */
export async function sweepRunResources(
  client: SweepClient,
  runId: string,
  options: SweepOptions = {},
): Promise<SweepReport> {
  const found = await findRunResources(client, runId);
  const named = (hit: { id: string; source: { name?: string | undefined } }) => ({ id: hit.id, name: hit.source.name });
  return sweepResources(client, { models: found.models.map(named), groups: found.groups.map(named) }, options);
}

/** Resources to remove, each with its id and name (search hits, or leaks confirmed by the scope audit). */
export interface ResourcesToSweep {
  readonly models: readonly { readonly id: string; readonly name?: string | undefined }[];
  readonly groups: readonly { readonly id: string; readonly name?: string | undefined }[];
}

/** Removes what was found, models before groups (a group with models cannot be deleted). */
export async function sweepResources(
  client: Omit<SweepClient, keyof AuditClient>,
  found: ResourcesToSweep,
  options: SweepOptions = {},
): Promise<SweepReport> {
  const releaseOptions = {
    undeployTimeoutMs: options.undeployTimeoutMs ?? 60_000,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  };
  const entries: SweepEntry[] = [];
  for (const model of found.models) {
    entries.push(await attempt('model', model.id, model.name, () => releaseModel(client, model.id, releaseOptions)));
  }
  for (const group of found.groups) {
    entries.push(
      await attempt('model-group', group.id, group.name, async () => {
        await client.deleteModelGroup(group.id);
      }),
    );
  }
  return { entries, ok: entries.every((entry) => entry.outcome !== 'failed') };
}

async function attempt(
  kind: 'model' | 'model-group',
  id: string,
  name: string | undefined,
  action: () => Promise<void>,
): Promise<SweepEntry> {
  const base = { kind, id, name: name ?? '(unnamed)' };
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
