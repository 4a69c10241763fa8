/**
 * Metadata each conformance test attaches to its task, so reporters can key results by card × check × target
 * without parsing test names.
 */
import type { DriftEntry, DriftNote } from '../drift/drift-report.ts';

export interface ConformanceCaseMeta {
  readonly suite: string;
  readonly check: string;
  /** Card id, or `-` for checks that are not about one card. */
  readonly card: string;
  /** Extra case dimension, e.g. the probe id. */
  readonly variant?: string;
  /** Lifecycle phases this case ran, for the timings report. */
  readonly timings?: readonly CaseTiming[];
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

declare module 'vitest' {
  interface TaskMeta {
    conformance?: ConformanceCaseMeta;
  }
}
