/**
 * The report's data model: one row per conformance case and project, with worst-wins aggregation. Pure functions,
 * so the reporter's output can be tested without running Vitest.
 */
import type { DriftReport } from '../drift/drift-report.ts';
import type { ConformanceCaseMeta } from './case-meta.ts';

export type CaseStatus = 'passed' | 'failed' | 'skipped' | 'pending';

export interface CaseResult {
  /** Stable id: `<project>:<suite>:<card>:<check>[:<variant>]`. */
  readonly caseId: string;
  readonly project: string;
  readonly target: string;
  readonly meta: ConformanceCaseMeta;
  readonly title: string;
  readonly status: CaseStatus;
  /** Skip reason, or the first line of the failure. */
  readonly message?: string;
  readonly durationMs: number;
}

export interface ProjectSummary {
  readonly project: string;
  readonly target: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export interface ConformanceReport {
  readonly format: 'opensearch-ml-conformance/report@1';
  readonly runId: string;
  readonly generatedAt: string;
  readonly projects: readonly ProjectSummary[];
  readonly cases: readonly CaseResult[];
  /** Why the run stopped early (harness/run/run-state.ts): interrupted, its cluster lost or failed, a bad input. */
  readonly aborted?: { readonly kind: string; readonly message: string };
  /** Embedding drift of this run (baseline, cross-version, upgrade): harness/drift/drift-report.ts. */
  readonly drift?: DriftReport;
}

const SEVERITY: Record<CaseStatus, number> = { failed: 3, pending: 2, skipped: 1, passed: 0 };

/** Worst result wins: fail > pending > skip > pass; an empty list counts as passed. */
export function worstStatus(statuses: readonly CaseStatus[]): CaseStatus {
  return statuses.reduce<CaseStatus>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'passed');
}

export function caseId(project: string, meta: ConformanceCaseMeta): string {
  const parts = [project, meta.suite, meta.card, meta.check];
  if (meta.variant !== undefined) {
    parts.push(meta.variant);
  }
  return parts.join(':');
}

export function summarize(cases: readonly CaseResult[]): ProjectSummary[] {
  const byProject = new Map<string, { target: string; counts: Record<CaseStatus, number> }>();
  for (const c of cases) {
    const entry = byProject.get(c.project) ?? {
      target: c.target,
      counts: { passed: 0, failed: 0, skipped: 0, pending: 0 },
    };
    entry.counts[c.status] += 1;
    byProject.set(c.project, entry);
  }
  return [...byProject.entries()].map(([project, { target, counts }]) => ({
    project,
    target,
    passed: counts.passed,
    failed: counts.failed + counts.pending,
    skipped: counts.skipped,
  }));
}

export function buildReport(
  runId: string,
  cases: readonly CaseResult[],
  now: Date,
  aborted?: ConformanceReport['aborted'],
): ConformanceReport {
  const sorted = [...cases].sort((a, b) => a.caseId.localeCompare(b.caseId));
  return {
    format: 'opensearch-ml-conformance/report@1',
    runId,
    generatedAt: now.toISOString(),
    projects: summarize(sorted),
    cases: sorted,
    ...(aborted === undefined ? {} : { aborted }),
  };
}
