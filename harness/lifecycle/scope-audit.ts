/**
 * The per-describe leak audit: after a suite released its ledger, nothing whose name carries its scope may remain.
 * Search results lag behind deletes by the index refresh (~1 s), so every hit is confirmed with a realtime GET
 * before it counts as a leak; whatever is confirmed is swept and reported.
 */
import { OmlcError } from '../errors/omlc-error.ts';
import type { MlClient } from '../ml/client.ts';
import { isMlHttpError } from '../ml/errors.ts';
import { findRunResources, sweepResources, type SweepReport } from './leak-audit.ts';
import { findNeuralLeftovers, sweepNeuralLeftovers, type NeuralAuditClient } from './neural-leftovers.ts';
import { resourceName, runIdPrefix } from './resource-naming.ts';

export type ScopeAuditClient = Pick<
  MlClient,
  | 'searchModels'
  | 'searchModelGroups'
  | 'getModel'
  | 'getModelGroup'
  | 'deleteModelGroup'
  | 'deleteModel'
  | 'undeployModel'
> &
  NeuralAuditClient;

export interface Leak {
  readonly kind: 'model' | 'model-group' | 'index' | 'ingest-pipeline';
  readonly id: string;
  readonly name: string;
}

async function stillExists(lookup: () => Promise<unknown>): Promise<boolean> {
  try {
    await lookup();
    return true;
  } catch (error) {
    if (isMlHttpError(error, 404)) {
      return false;
    }
    throw error;
  }
}

/** `omlc-<runId>-<scope>-`: names made by `resourceName(runId, scope, …)` start with it. */
function scopePrefix(runId: string, scope: string): string {
  return resourceName(runId, scope, 'x').slice(0, -1);
}

/**
 * Leaks of one scope, or of the whole run when `scope` is omitted: indices and ingest pipelines (listed from the
 * cluster state), then models and groups (every search hit confirmed by a realtime GET).
 */
export async function findScopeLeaks(client: ScopeAuditClient, runId: string, scope?: string): Promise<Leak[]> {
  const prefix = scope === undefined ? runIdPrefix(runId) : scopePrefix(runId, scope);
  const found = await findRunResources(client, runId);
  const leaks: Leak[] = await findNeuralLeftovers(client, prefix);
  for (const hit of found.models) {
    const name = hit.source.name ?? '';
    if (name.startsWith(prefix) && (await stillExists(() => client.getModel(hit.id)))) {
      leaks.push({ kind: 'model', id: hit.id, name });
    }
  }
  for (const hit of found.groups) {
    const name = hit.source.name ?? '';
    if (name.startsWith(prefix) && (await stillExists(() => client.getModelGroup(hit.id)))) {
      leaks.push({ kind: 'model-group', id: hit.id, name });
    }
  }
  return leaks;
}

/**
 * Removes confirmed leaks: indices, pipelines (they may name the models), models, then groups. Failures to remove are
 * reported by the LeakError anyway.
 */
export async function sweepLeaks(client: ScopeAuditClient, leaks: readonly Leak[]): Promise<SweepReport> {
  const neural = await sweepNeuralLeftovers(
    client,
    leaks.flatMap((l) => (l.kind === 'index' || l.kind === 'ingest-pipeline' ? [{ ...l, kind: l.kind }] : [])),
  );
  const ml = await sweepResources(client, {
    models: leaks.filter((l) => l.kind === 'model'),
    groups: leaks.filter((l) => l.kind === 'model-group'),
  });
  return { entries: [...neural, ...ml.entries], ok: ml.ok && neural.every((e) => e.outcome !== 'failed') };
}

export class LeakError extends OmlcError<'leak'> {
  override name = 'LeakError';
  readonly leaks: readonly Leak[];

  constructor(leaks: readonly Leak[], where: string) {
    super(
      'leak',
      `leak audit (${where}): ${leaks.length} resource(s) left on the cluster after clean-up (swept now):\n` +
        leaks.map((l) => `  ${l.kind} ${l.id} "${l.name}"`).join('\n'),
    );
    this.leaks = leaks;
  }
}

/** Throws a LeakError, after removing the leaks (models before groups), when the scope left anything behind. */
export async function assertScopeClean(client: ScopeAuditClient, runId: string, scope: string): Promise<void> {
  const leaks = await findScopeLeaks(client, runId, scope);
  if (leaks.length > 0) {
    await sweepLeaks(client, leaks);
    throw new LeakError(leaks, `scope ${scope}`);
  }
}
