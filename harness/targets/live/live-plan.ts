/**
 * Decides, from the run configuration alone, which live Vitest projects exist. Runs while the config loads, so it
 * must be cheap and synchronous; probing Docker or Java happens later, in the project's globalSetup.
 */
import type { RunConfig } from '../../config/run-config.ts';
import type { TARGET_KINDS } from '../../config/target-vars.ts';
import { OmlcError } from '../../errors/omlc-error.ts';

export type RequestedTarget = (typeof TARGET_KINDS)[number];

export interface LivePlanEntry {
  /** Vitest project name, e.g. `live:2.19.6`, `live:external`, or with several kinds `live:container:2.19.6`. */
  readonly projectName: string;
  readonly requested: RequestedTarget;
  /** OpenSearch version to start (native/container); absent for an external cluster, whose version is detected. */
  readonly version?: string;
  /** Live projects run one after the other so two clusters never compete for the 2 CI cores during tests. */
  readonly groupOrder: number;
}

/** Newest versions whose ML Commons plugin zip Maven Central serves (checked 2026-11-23). */
export const DEFAULT_LIVE_VERSIONS: readonly string[] = ['2.19.6', '3.6.0'];

class LivePlanError extends OmlcError<'bad-env'> {
  override name = 'LivePlanError';
}

type PlanInput = Pick<RunConfig, 'ML_TARGET' | 'OPENSEARCH_URL' | 'OPENSEARCH_VERSIONS' | 'OPENSEARCH_VERSION'>;

export function planLiveProjects(config: PlanInput): readonly LivePlanEntry[] {
  const kinds = config.ML_TARGET;
  const versions = config.OPENSEARCH_VERSIONS ?? config.OPENSEARCH_VERSION ?? DEFAULT_LIVE_VERSIONS;
  if (kinds.length > 1) {
    // native,container: the same suites on both, one project per kind and version, one after the other.
    return kinds.flatMap((kind, k) =>
      versions.map((version, v) => ({
        projectName: `live:${kind}:${version}`,
        requested: kind,
        version,
        groupOrder: k * versions.length + v + 1,
      })),
    );
  }
  const requested = kinds[0] ?? 'auto';
  const url = config.OPENSEARCH_URL;
  if (requested === 'none') {
    return [{ projectName: 'live', requested, groupOrder: 1 }];
  }
  if (requested === 'external' || (requested === 'auto' && url !== undefined)) {
    if (url === undefined) {
      throw new LivePlanError('bad-env', 'ML_TARGET=external needs OPENSEARCH_URL (e.g. https://staging.example:9200)');
    }
    return [{ projectName: 'live:external', requested: 'external', groupOrder: 1 }];
  }
  return versions.map((version, index) => ({
    projectName: `live:${version}`,
    requested,
    version,
    groupOrder: index + 1,
  }));
}
