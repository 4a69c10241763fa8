/**
 * Metadata each conformance test attaches to its task, so reporters can key results by card × check × target
 * without parsing test names. `suite-context.ts` sets the identity when the test is registered (so a case that never
 * ran — its describe's hook failed, the run was interrupted — still has one) and adds timings and the last request
 * while it runs.
 */
import type { DriftEntry, DriftNote } from '../drift/drift-report.ts';

export interface ConformanceCaseMeta {
  readonly suite: string;
  readonly check: string;
  /** Card id, or `-` for checks that are not about one card. */
  readonly card: string;
  /** Extra case dimension, e.g. the probe id. */
  readonly variant?: string;
  /**
   * How this case's models were registered: the check's own path (`integrity.*` URL, `upload.*` upload) or the
   * target's (OMLC_REGISTER_VIA). Absent where the target is not available.
   */
  readonly registration?: 'url' | 'upload';
  /** Lifecycle phases this case ran, for the timings report. */
  readonly timings?: readonly CaseTiming[];
  /**
   * The last request the case sent before it failed, for failures that are assertions on an answer (an `MlError`
   * names its own request instead).
   */
  readonly lastRequest?: RequestSummary;
  /** Drift comparisons and notes this case made (drift.* and upgrade.* checks), for drift.json / drift.md. */
  readonly drift?: CaseDrift;
}

export interface CaseDrift {
  readonly entries?: readonly DriftEntry[];
  readonly notes?: readonly DriftNote[];
}

export interface CaseTiming {
  readonly phase: string;
  readonly wallMs: number;
  readonly serverMs?: number;
  readonly ok: boolean;
}

/** One HTTP request as the reports show it: `POST /_plugins/_ml/models/_register → 400`. */
export interface RequestSummary {
  readonly method: string;
  readonly path: string;
  /** The HTTP status; absent when no answer came (refused, reset, timed out). */
  readonly status?: number;
}

declare module 'vitest' {
  interface TaskMeta {
    conformance?: ConformanceCaseMeta;
  }
}
