import type { KnnEngine, SpaceType } from './index-spec.ts';

/**
 * The score OpenSearch gives a k-NN hit on the lucene engine (k-NN maps l2 → EUCLIDEAN, cosinesimil → COSINE,
 * innerproduct → MAXIMUM_INNER_PRODUCT; verified on 2.19.6 and 3.6.0): `1 / (1 + d²)`, `(1 + cos) / 2`,
 * `dot ≥ 0 ? 1 + dot : 1 / (1 − dot)`. Computed in double; the node computes float32, so compare with a tolerance.
 * Other engines translate some space types differently, so no expectation is made for them (undefined).
 */
export function expectedKnnScore(
  engine: KnnEngine,
  spaceType: SpaceType,
  query: readonly number[],
  doc: readonly number[],
): number | undefined {
  if (engine !== 'lucene') {
    return undefined;
  }
  let dot = 0;
  let squared = 0;
  let nq = 0;
  let nd = 0;
  query.forEach((q, i) => {
    const d = doc[i] ?? 0;
    dot += q * d;
    squared += (q - d) ** 2;
    nq += q * q;
    nd += d * d;
  });
  switch (spaceType) {
    case 'l2':
      return 1 / (1 + squared);
    case 'cosinesimil':
      return Math.max((1 + dot / Math.sqrt(nq * nd)) / 2, 0);
    case 'innerproduct':
      return dot >= 0 ? 1 + dot : 1 / (1 - dot);
  }
}

/** float32 scores from the node against double arithmetic here. */
export const SCORE_TOLERANCE = 1e-4;
