/**
 * Types of the harness's custom matchers (harness/matchers/), registered by `harness/matchers/setup.ts`.
 */
import 'vitest';
import type { EmbeddingLike } from './harness/matchers/embedding-values.ts';
import type { ToBeEmbeddingOptions } from './harness/matchers/to-be-embedding.ts';
import type { ToDivergeFromOptions } from './harness/matchers/to-diverge-from.ts';
import type { EmbeddingTolerance } from './harness/matchers/to-match-embedding.ts';

declare module 'vitest' {
  // Merged declarations must repeat vitest's type parameters, including the unused received-value type.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Matchers<R, T> {
    /** An ML Commons output tensor (or number array) holding one `dimension`-long embedding of finite numbers. */
    toBeEmbedding(options: ToBeEmbeddingOptions): R;
    /** L2 norm within `tol` (default 1e-3) of 1. */
    toBeUnitNorm(tol?: number): R;
    /** cosine ≥ minCosine and element-wise allclose (defaults 0.9999 / rtol 1e-3 / atol 1e-5). */
    toMatchEmbedding(reference: EmbeddingLike, tolerance?: EmbeddingTolerance): R;
    /** cosine strictly below `maxCosine`. */
    toDivergeFrom(other: EmbeddingLike, options: ToDivergeFromOptions): R;
  }
}
