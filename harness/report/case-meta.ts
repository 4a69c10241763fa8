/**
 * Metadata each conformance test attaches to its task, so reporters can key results by card × check × target
 * without parsing test names.
 */
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
