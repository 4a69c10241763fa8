/**
 * The per-describe leak audit: after a suite released its ledger, nothing whose name carries its scope may remain.
 * Search results lag behind deletes by the index refresh (~1 s), so every hit is confirmed with a realtime GET
 * before it counts as a leak; whatever is confirmed is swept and reported.
 */
import { OmlcError } from '../errors/omlc-error.ts';
import type { MlClient } from '../ml/client.ts';
import { findResources, sweepResources, type SweepOptions, type SweepReport } from './leak-audit.ts';
import { kindOf, type FoundResource } from './resource-kinds.ts';
import { resourceName, runIdPrefix } from './resource-naming.ts';

export type Leak = FoundResource;

/** `omlc-<runId>-<scope>-`: names made by `resourceName(runId, scope, …)` start with it. */
function scopePrefix(runId: string, scope: string): string {
  return resourceName(runId, scope, 'x').slice(0, -1);
}

/** Leaks of one scope, or of the whole run when `scope` is omitted; every hit confirmed by a realtime GET. */
export async function findScopeLeaks(client: MlClient, runId: string, scope?: string): Promise<Leak[]> {
  const prefix = scope === undefined ? runIdPrefix(runId) : scopePrefix(runId, scope);
  const leaks: Leak[] = [];
  for (const hit of await findResources(client, prefix)) {
    if (await kindOf(hit.kind).exists(client, hit)) {
      leaks.push(hit);
    }
  }
  return leaks;
}

/** Removes confirmed leaks in release order; failures to remove are reported by the LeakError anyway. */
export function sweepLeaks(client: MlClient, leaks: readonly Leak[], options: SweepOptions = {}): Promise<SweepReport> {
  return sweepResources(client, leaks, options);
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

/** Throws a LeakError, after removing the leaks, when the scope left anything behind. */
export async function assertScopeClean(client: MlClient, runId: string, scope: string): Promise<void> {
  const leaks = await findScopeLeaks(client, runId, scope);
  if (leaks.length > 0) {
    await sweepLeaks(client, leaks);
    throw new LeakError(leaks, `scope ${scope}`);
  }
}
