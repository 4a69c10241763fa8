/**
 * The `upgrade:<from>→<to>` project: whether it exists (`OMLC_UPGRADE`), and whether it can run here. It needs the
 * native target, the only one that can stop a node and start another version on the same data dir.
 */
import type { RunConfig } from '../config/run-config.ts';
import type { RequestedTarget } from '../targets/live/live-plan.ts';

export interface UpgradePlan {
  /** Vitest project, e.g. `upgrade:2.19.6→3.6.0`. */
  readonly projectName: string;
  readonly from: string;
  readonly to: string;
  readonly requested: RequestedTarget;
  /** OPENSEARCH_URL is set: `auto` then means the external cluster, which cannot be restarted. */
  readonly urlGiven: boolean;
}

/** After every live project (they own a cluster each), before the integration tests. */
export const UPGRADE_GROUP_ORDER = 50;

export function planUpgradeProject(config: RunConfig): UpgradePlan | undefined {
  const path = config.OMLC_UPGRADE;
  if (path === 'none') {
    return undefined;
  }
  return {
    projectName: `upgrade:${path.from}→${path.to}`,
    from: path.from,
    to: path.to,
    // native,container (CI) rehearses on native; otherwise the one kind asked for.
    requested: config.ML_TARGET.includes('native') ? 'native' : (config.ML_TARGET[0] ?? 'auto'),
    urlGiven: config.OPENSEARCH_URL !== undefined,
  };
}

export type UpgradeDecision =
  | { readonly kind: 'native'; readonly why: string }
  | { readonly kind: 'none'; readonly reason: string; readonly failed?: true };

export type NativeProbe = (versions: readonly string[]) => Promise<{ ok: boolean; detail: string }>;

export async function decideUpgradeTarget(plan: UpgradePlan, probe: NativeProbe): Promise<UpgradeDecision> {
  const why =
    'the rehearsal stops a node and starts the new version on its data dir, which only the native target does';
  switch (plan.requested) {
    case 'none':
      return { kind: 'none', reason: 'live targets disabled (ML_TARGET=none)' };
    case 'container':
    case 'external':
      return { kind: 'none', reason: `ML_TARGET=${plan.requested}: ${why}` };
    case 'auto':
    case 'native': {
      if (plan.requested === 'auto' && plan.urlGiven) {
        return { kind: 'none', reason: `OPENSEARCH_URL is set (an external cluster): ${why}` };
      }
      const native = await probe([plan.from, plan.to]);
      if (native.ok) {
        return {
          kind: 'native',
          why: `${plan.requested === 'native' ? 'ML_TARGET=native' : 'auto'}; ${native.detail}`,
        };
      }
      return plan.requested === 'native'
        ? { kind: 'none', reason: `ML_TARGET=native but ${native.detail}`, failed: true }
        : { kind: 'none', reason: `no native target for the rehearsal: ${native.detail}` };
    }
  }
}
