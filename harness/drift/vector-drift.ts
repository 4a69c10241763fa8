/**
 * One probe's drift between two recordings: cosine and max abs difference against the tolerance, and a failure
 * message that names the card, the probe, the content type and both sides.
 */
import { cosine } from '../matchers/vector-math.ts';
import type { ContentTypeKey, RecordedEmbedding, RecordingSource } from './recording.ts';
import type { DriftTolerance } from './tolerance.ts';

export type DriftKind = 'baseline' | 'cross-version' | 'upgrade';

export interface ProbeDrift {
  readonly kind: DriftKind;
  readonly card: string;
  readonly probe: string;
  readonly contentType: ContentTypeKey;
  readonly from: RecordingSource;
  readonly to: RecordingSource;
  /** NaN when a vector is all zeros or the lengths differ. */
  readonly cosine: number;
  readonly maxAbsDiff: number;
  readonly minCosine: number;
  readonly maxAbsAllowed: number;
  readonly ok: boolean;
  /** Set when not ok. */
  readonly message?: string;
}

export function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) {
    return Number.POSITIVE_INFINITY;
  }
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const diff = Math.abs((a[i] ?? Number.NaN) - (b[i] ?? Number.NaN));
    if (Number.isNaN(diff)) {
      return Number.POSITIVE_INFINITY;
    }
    worst = Math.max(worst, diff);
  }
  return worst;
}

export interface ProbeDriftInput {
  readonly kind: DriftKind;
  readonly card: string;
  readonly from: RecordingSource;
  readonly to: RecordingSource;
  readonly before: RecordedEmbedding;
  readonly after: RecordedEmbedding;
  readonly tolerance: DriftTolerance;
}

export function probeDrift(input: ProbeDriftInput): ProbeDrift {
  const { before, after, tolerance } = input;
  const sameLength = before.vector.length === after.vector.length;
  const cos = sameLength ? cosine(before.vector, after.vector) : Number.NaN;
  const maxAbs = maxAbsDiff(before.vector, after.vector);
  const ok = sameLength && cos >= tolerance.minCosine && maxAbs <= tolerance.maxAbsDiff;
  const base = {
    kind: input.kind,
    card: input.card,
    probe: before.probe,
    contentType: before.contentType,
    from: input.from,
    to: input.to,
    cosine: cos,
    maxAbsDiff: maxAbs,
    minCosine: tolerance.minCosine,
    maxAbsAllowed: tolerance.maxAbsDiff,
    ok,
  };
  if (ok) {
    return base;
  }
  const what = sameLength
    ? `cosine ${formatCosine(cos)} (min ${tolerance.minCosine}), max abs diff ${formatDiff(maxAbs)} (max ${formatDiff(tolerance.maxAbsDiff)})`
    : `${after.vector.length} values instead of ${before.vector.length}`;
  return {
    ...base,
    message: `${input.card} probe "${before.probe}" (${before.contentType}) drifted from ${input.from.label} to ${input.to.label}: ${what}`,
  };
}

/** Enough digits to see how close to 1 a cosine is (0.99999999 vs 0.9999). */
export function formatCosine(value: number): string {
  if (Number.isNaN(value)) {
    return 'n/a';
  }
  // Identical vectors can land one float64 rounding step away from 1: that is 1.
  if (Math.abs(1 - value) < 1e-15) {
    return '1';
  }
  return value.toFixed(Math.min(12, Math.max(6, 2 - Math.floor(Math.log10(1 - value)))));
}

export function formatDiff(value: number): string {
  if (!Number.isFinite(value)) {
    return String(value);
  }
  return value === 0 ? '0' : value.toExponential(2);
}
