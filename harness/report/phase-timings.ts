/**
 * Lifecycle phase timings per project: how long register, deploy, predict, … took as the harness saw them (wall) and
 * as the cluster's tasks report them (server), for the report's bars.
 */
import type { ConformanceReport } from './report-model.ts';
import { LIFECYCLE_PHASES } from '../lifecycle/phase-timer.ts';

export interface PhaseStat {
  readonly phase: string;
  readonly count: number;
  readonly medianWallMs: number;
  readonly maxWallMs: number;
  /** Median of the server-side task time, where the phase has one (register, deploy). */
  readonly medianServerMs?: number;
  readonly failed: number;
}

export interface ProjectTimings {
  readonly project: string;
  readonly phases: readonly PhaseStat[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) {
    return 0;
  }
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

// The lifecycle's own order; a phase not listed goes last.
const PHASE_ORDER: readonly string[] = LIFECYCLE_PHASES;

function phaseRank(phase: string): number {
  const rank = PHASE_ORDER.indexOf(phase);
  return rank === -1 ? PHASE_ORDER.length : rank;
}

export function phaseTimings(report: ConformanceReport): ProjectTimings[] {
  const byProject = new Map<string, Map<string, { wall: number[]; server: number[]; failed: number }>>();
  for (const c of report.cases) {
    for (const t of c.meta.timings ?? []) {
      const phases =
        byProject.get(c.project) ?? new Map<string, { wall: number[]; server: number[]; failed: number }>();
      const entry = phases.get(t.phase) ?? { wall: [], server: [], failed: 0 };
      entry.wall.push(t.wallMs);
      if (t.serverMs !== undefined) {
        entry.server.push(t.serverMs);
      }
      entry.failed += t.ok ? 0 : 1;
      phases.set(t.phase, entry);
      byProject.set(c.project, phases);
    }
  }
  const order = report.projects.map((p) => p.project);
  return [...byProject.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([project, phases]) => ({
      project,
      phases: [...phases.entries()]
        .sort(([a], [b]) => phaseRank(a) - phaseRank(b) || a.localeCompare(b))
        .map(([phase, { wall, server, failed }]) => ({
          phase,
          count: wall.length,
          medianWallMs: Math.round(median(wall)),
          maxWallMs: Math.round(Math.max(...wall)),
          ...(server.length === 0 ? {} : { medianServerMs: Math.round(median(server)) }),
          failed,
        })),
    }));
}
