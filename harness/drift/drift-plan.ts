/**
 * Which cross-run comparisons this run makes, from the run configuration and the target: a baseline file to compare
 * with, a baseline file to write, and cross-version drift when two or more live versions run. Decides the skip
 * reason of every check that declares a `drift` need.
 */
import type { DriftNeed } from '../checks/catalog/check-requirement.ts';
import type { RunConfig } from '../config/run-config.ts';
import { planLiveProjects } from '../targets/live/live-plan.ts';
import type { AvailableTarget } from '../targets/target-info.ts';

export interface DriftPlan {
  readonly baseline?: string;
  readonly baselineOut?: string;
  /** Versions of the live projects of this run, in run order (empty for an external or no live target). */
  readonly liveVersions: readonly string[];
}

export function driftPlan(config: RunConfig): DriftPlan {
  const liveVersions = planLiveProjects(config).flatMap((entry) =>
    entry.version === undefined || entry.requested === 'none' ? [] : [entry.version],
  );
  return {
    ...(config.OMLC_BASELINE === undefined ? {} : { baseline: config.OMLC_BASELINE }),
    ...(config.OMLC_BASELINE_OUT === undefined ? {} : { baselineOut: config.OMLC_BASELINE_OUT }),
    liveVersions,
  };
}

function crossVersionReason(target: AvailableTarget, plan: DriftPlan): string | undefined {
  if (target.kind === 'simulator') {
    return "cross-version drift compares live OpenSearch versions; the simulator's profiles compute the same vectors";
  }
  if (plan.liveVersions.length < 2) {
    return `cross-version drift needs two or more live versions in one run (OPENSEARCH_VERSIONS); this run has ${
      plan.liveVersions.length === 0 ? `only ${target.label}` : plan.liveVersions.join(', ')
    }`;
  }
  return undefined;
}

export function driftSkipReason(need: DriftNeed, target: AvailableTarget, plan: DriftPlan): string | undefined {
  switch (need) {
    case 'baseline':
      return plan.baseline === undefined
        ? 'no baseline to compare with: set OMLC_BASELINE=<file> or run `npx ml-conformance baseline compare <file>`'
        : undefined;
    case 'cross-version':
      return crossVersionReason(target, plan);
    case 'record':
      if (plan.baseline !== undefined || plan.baselineOut !== undefined) {
        return undefined;
      }
      return crossVersionReason(target, plan) === undefined
        ? undefined
        : 'nothing to compare embeddings with: no baseline (OMLC_BASELINE), none to record (OMLC_BASELINE_OUT), ' +
            'and not two or more live versions in this run';
  }
}
