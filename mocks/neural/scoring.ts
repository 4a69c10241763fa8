import type { SpaceType } from './types.ts';

/**
 * Brute-force k-NN scoring exactly as the lucene engine scores a hit (float32 arithmetic, like Lucene's
 * VectorSimilarityFunction), per the space type k-NN maps onto it (k-NN `SpaceType.java` at 2.19.6.0 and 3.6.0.0):
 * l2 → EUCLIDEAN `1 / (1 + squared distance)`, cosinesimil → COSINE `max((1 + cos) / 2, 0)`,
 * innerproduct → MAXIMUM_INNER_PRODUCT `dot ≥ 0 ? dot + 1 : 1 / (1 − dot)`. Verified on 2.19.6 and 3.6.0: an exact
 * match scores 1.0 (l2, cosinesimil) and 2.0 (innerproduct on unit vectors).
 */
export function knnScore(spaceType: SpaceType, query: readonly number[], doc: readonly number[]): number {
  const f = Math.fround;
  switch (spaceType) {
    case 'l2': {
      let sum = 0;
      for (let i = 0; i < query.length; i += 1) {
        const d = f((query[i] ?? 0) - (doc[i] ?? 0));
        sum = f(sum + f(d * d));
      }
      return f(1 / f(1 + sum));
    }
    case 'cosinesimil': {
      let dot = 0;
      let nq = 0;
      let nd = 0;
      for (let i = 0; i < query.length; i += 1) {
        const q = query[i] ?? 0;
        const d = doc[i] ?? 0;
        dot = f(dot + f(q * d));
        nq = f(nq + f(q * q));
        nd = f(nd + f(d * d));
      }
      const cosine = f(dot / f(Math.sqrt(f(nq * nd))));
      return Math.max(f(f(1 + cosine) / 2), 0);
    }
    case 'innerproduct': {
      let dot = 0;
      for (let i = 0; i < query.length; i += 1) {
        dot = f(dot + f((query[i] ?? 0) * (doc[i] ?? 0)));
      }
      return dot < 0 ? f(1 / f(1 - dot)) : f(dot + 1);
    }
  }
}
