/**
 * The report's data model (`conformance.json`): one row per conformance case and project, the errors that happened
 * outside any case (each one a failure), the run's metadata and drift tables. Pure functions, so every rendering of
 * it can be tested without running Vitest.
 */
import type { ConformanceCaseMeta, RequestSummary } from './case-meta.ts';
import type { DriftReport } from '../drift/drift-report.ts';
import type { DriftTable } from './drift-slot.ts';

export const REPORT_FORMAT = 'opensearch-ml-conformance/report@2';

/** `pending`: the case never finished (interrupted run, or its file stopped early). */
export type CaseStatus = 'passed' | 'failed' | 'skipped' | 'pending';

export interface CaseFailure {
  /** The error message (first lines). */
  readonly message: string;
  /** The request whose answer is the error (`failed`), or the case's last request before an assertion (`last`). */
  readonly request?: RequestSummary & { readonly role: 'failed' | 'last' };
}

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
  readonly failure?: CaseFailure;
  readonly durationMs: number;
}

/**
 * Where an error outside the cases happened: a `beforeAll`/`afterAll` of a describe or file (`hook`), loading a test
 * file (`module`: import, a card that fails to load, a setup file), a project's global setup or teardown, an error
 * nobody caught (`unhandled`), or a project whose files never ran although they were queued (`not-run`).
 */
export type RunErrorKind = 'hook' | 'module' | 'global-setup' | 'global-teardown' | 'unhandled' | 'not-run';

export interface RunError {
  /** Stable within a run: `<project>:<kind>:<where>`. */
  readonly id: string;
  readonly kind: RunErrorKind;
  /** Undefined when it cannot be attributed to one project (e.g. an unhandled error in a file several projects run). */
  readonly project?: string;
  /** Human location, e.g. `hook of "lifecycle · tiny-onnx-sym" in suites/lifecycle.spec.ts`. */
  readonly where: string;
  /** Conformance suite and card of the describe it happened in, when its cases say so. */
  readonly suite?: string;
  readonly card?: string;
  readonly message: string;
  readonly request?: RequestSummary;
}

export interface ProjectSummary {
  readonly project: string;
  readonly target: string;
  readonly passed: number;
  /** Failed and unfinished cases plus errors outside cases: a project with an error never shows `0 failed`. */
  readonly failed: number;
  readonly skipped: number;
  /** How many of `failed` are errors outside cases. */
  readonly errors: number;
}

/** What ran where: one entry per Vitest project of the run. */
export interface RunTarget {
  readonly project: string;
  readonly target: string;
  readonly kind?: string;
  readonly version?: string;
}

export interface RunInfo {
  readonly startedAt: string;
  readonly durationMs: number;
  /** `interrupted` whenever the run did not reach its end (signal, cancel, process exit); then `interrupted` is true. */
  readonly outcome: 'passed' | 'failed' | 'interrupted';
  readonly interrupted: boolean;
  /** Why the run ended, as Vitest or the process told it (e.g. `failed`, `interrupted`, `process exit before the end`). */
  readonly endReason: string;
  readonly targets: readonly RunTarget[];
  readonly versions: { readonly node: string; readonly vitest: string; readonly harness: string };
}

export interface ConformanceReport {
  readonly format: typeof REPORT_FORMAT;
  readonly runId: string;
  readonly generatedAt: string;
  readonly run: RunInfo;
  readonly projects: readonly ProjectSummary[];
  readonly cases: readonly CaseResult[];
  /** Errors outside any case; each one is a failure of its project and of the run. */
  readonly errors: readonly RunError[];
  readonly drift: readonly DriftTable[];
  /** Why the run stopped early (harness/run/run-state.ts): interrupted, its cluster lost or failed, a bad input. */
  readonly aborted?: { readonly kind: string; readonly message: string };
  /** Every embedding comparison of this run (baseline, cross-version, upgrade): harness/drift/drift-report.ts. */
  readonly driftReport?: DriftReport;
}

const SEVERITY: Record<CaseStatus, number> = { failed: 3, pending: 2, skipped: 1, passed: 0 };

/** Worst result wins: fail > pending > skip > pass; an empty list counts as passed. */
export function worstStatus(statuses: readonly CaseStatus[]): CaseStatus {
  return statuses.reduce<CaseStatus>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'passed');
}

export function caseId(
  project: string,
  meta: Pick<ConformanceCaseMeta, 'suite' | 'card' | 'check' | 'variant'>,
): string {
  const parts = [project, meta.suite, meta.card, meta.check];
  if (meta.variant !== undefined) {
    parts.push(meta.variant);
  }
  return parts.join(':');
}

interface Tally {
  target: string;
  counts: Record<CaseStatus, number>;
  errors: number;
}

/**
 * Per project: the `known` projects of the run in their order (so a project without a single case still has its
 * line), then any other project in first-seen order (cases, then errors).
 */
export function summarize(
  cases: readonly CaseResult[],
  errors: readonly RunError[] = [],
  known: readonly RunTarget[] = [],
): ProjectSummary[] {
  const byProject = new Map<string, Tally>();
  const tally = (project: string, target: string): Tally => {
    const entry = byProject.get(project) ?? {
      target,
      counts: { passed: 0, failed: 0, skipped: 0, pending: 0 },
      errors: 0,
    };
    byProject.set(project, entry);
    return entry;
  };
  // The run's own project order first (as configured), then whatever else the cases and errors name.
  for (const t of known) {
    tally(t.project, t.target);
  }
  for (const c of cases) {
    tally(c.project, c.target).counts[c.status] += 1;
  }
  // A project the run knows, or one its cases named, has its line already; the target only labels a new line.
  for (const e of errors) {
    tally(e.project ?? '(run)', e.project === undefined ? 'the run as a whole' : 'target not resolved').errors += 1;
  }
  return [...byProject.entries()].map(([project, { target, counts, errors: errorCount }]) => ({
    project,
    target,
    passed: counts.passed,
    failed: counts.failed + counts.pending + errorCount,
    skipped: counts.skipped,
    errors: errorCount,
  }));
}

export interface ReportInput {
  readonly runId: string;
  readonly cases: readonly CaseResult[];
  readonly errors?: readonly RunError[];
  readonly drift?: readonly DriftTable[];
  readonly aborted?: ConformanceReport['aborted'];
  readonly driftReport?: DriftReport;
  /** Defaults describe a run that ended normally now, with nothing known about targets. */
  readonly run?: Partial<Omit<RunInfo, 'outcome'>>;
}

export function buildReport(input: ReportInput, now: Date): ConformanceReport {
  const cases = [...input.cases].sort((a, b) => a.caseId.localeCompare(b.caseId));
  const errors = [...(input.errors ?? [])].sort((a, b) => a.id.localeCompare(b.id));
  const drift = input.drift ?? [];
  const interrupted = input.run?.interrupted ?? false;
  const failed =
    errors.length > 0 ||
    cases.some((c) => c.status === 'failed' || c.status === 'pending') ||
    drift.some((t) => t.rows.some((r) => !r.ok));
  const targets = input.run?.targets ?? [];
  return {
    format: REPORT_FORMAT,
    runId: input.runId,
    generatedAt: now.toISOString(),
    run: {
      startedAt: input.run?.startedAt ?? now.toISOString(),
      durationMs: input.run?.durationMs ?? 0,
      outcome: interrupted ? 'interrupted' : failed ? 'failed' : 'passed',
      interrupted,
      endReason: input.run?.endReason ?? (failed ? 'failed' : 'passed'),
      targets,
      versions: input.run?.versions ?? { node: process.versions.node, vitest: 'unknown', harness: 'unknown' },
    },
    projects: summarize(cases, errors, targets),
    cases,
    errors,
    drift,
    ...(input.aborted === undefined ? {} : { aborted: input.aborted }),
    ...(input.driftReport === undefined ? {} : { driftReport: input.driftReport }),
  };
}
