/**
 * How far an embedding may move between two runs (a baseline and now, or two OpenSearch versions) before it counts
 * as drift. Cards override it with `expectations.drift`.
 *
 * Why these defaults (measured 2026-12-02, native 2.19.6 vs 3.6.0, same zip, every probe): ONNX models give
 * bit-identical vectors (the same ONNX Runtime 1.16.3 on both lines); TorchScript moves by float32 rounding only
 * (PyTorch 1.13.1 → 2.5.1: 1 − cosine ≤ 2.7e-13, max abs diff ≤ 1.25e-7 on all-MiniLM-L6-v2, ≤ 9e-8 on the tiny
 * fixture). Nothing supports a looser TorchScript default, so both formats share one: cosine ≥ 0.9999 and max abs
 * diff ≤ 1e-4 stay ~800× above what a version change does on the same hardware (room for other CPUs and thread
 * counts), and far below what a real change does (another pooling, tokenizer or normalisation gives cosine ≪ 0.99).
 */

export interface DriftTolerance {
  /** Lowest acceptable cosine similarity between the two vectors. */
  readonly minCosine: number;
  /** Largest acceptable element-wise absolute difference. */
  readonly maxAbsDiff: number;
  /**
   * Deploy/predict slower than the baseline by more than this factor is a timing regression: reported, and a failure
   * only when the run asks for it (timings on shared machines vary by 2–3× from load alone).
   */
  readonly maxTimeFactor: number;
}

export const DEFAULT_DRIFT_TOLERANCE: DriftTolerance = { minCosine: 0.9999, maxAbsDiff: 1e-4, maxTimeFactor: 3 };

/** The card's own values win field by field. */
export function driftTolerance(override: Partial<DriftTolerance> | undefined): DriftTolerance {
  return { ...DEFAULT_DRIFT_TOLERANCE, ...override };
}
