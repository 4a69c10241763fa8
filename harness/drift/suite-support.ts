/**
 * What the drift suite needs around the pure comparisons: who the current cluster is, variant names, the earlier live
 * projects of this run, and attaching drift results to a case's report metadata.
 */
import type { TestContext } from 'vitest';
import type { RunConfig } from '../config/run-config.ts';
import type { CaseDrift } from '../report/case-meta.ts';
import { planLiveProjects, type LivePlanEntry } from '../targets/live/live-plan.ts';
import type { AvailableTarget } from '../targets/target-info.ts';
import type { ContentTypeKey, RecordingSource } from './recording.ts';
import type { ClusterIdentity } from './run-recording.ts';

export function clusterIdentity(target: AvailableTarget): ClusterIdentity {
  return { version: target.version, distribution: target.distribution, target: target.label };
}

export function recordingSource(target: AvailableTarget): RecordingSource {
  return { label: target.label, version: target.version };
}

/** `short` for a symmetric card's probe, `short/query` for an asymmetric one. */
export function probeVariant(probe: string, contentType: ContentTypeKey): string {
  return contentType === 'plain' ? probe : `${probe}/${contentType}`;
}

/** Live projects of this run that run before `current` (their recordings are in the store when it runs). */
export function earlierLiveProjects(current: LivePlanEntry | undefined, config: RunConfig): LivePlanEntry[] {
  if (current === undefined) {
    return [];
  }
  return planLiveProjects(config).filter(
    (entry) => entry.version !== undefined && entry.groupOrder < current.groupOrder,
  );
}

/** Live projects of this run that run after `current`. */
export function laterLiveProjects(current: LivePlanEntry | undefined, config: RunConfig): LivePlanEntry[] {
  if (current === undefined) {
    return [];
  }
  return planLiveProjects(config).filter(
    (entry) => entry.version !== undefined && entry.groupOrder > current.groupOrder,
  );
}

/** Adds drift entries/notes to the case's report metadata (the reporter builds drift.json / drift.md from them). */
export function attachDrift(ctx: TestContext, drift: CaseDrift): void {
  const meta = ctx.task.meta.conformance;
  if (meta === undefined) {
    return;
  }
  ctx.task.meta.conformance = {
    ...meta,
    drift: {
      entries: [...(meta.drift?.entries ?? []), ...(drift.entries ?? [])],
      notes: [...(meta.drift?.notes ?? []), ...(drift.notes ?? [])],
    },
  };
}

/** A value a prerequisite check produced; its absence is a wiring bug, not a cluster failure. */
export function produced<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`${what} is missing although its prerequisite passed (a bug in the suite)`);
  }
  return value;
}
