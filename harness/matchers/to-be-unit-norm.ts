/** `expect(embedding).toBeUnitNorm(tol = 1e-3)`: L2 norm within `tol` of 1 (what `normalize_result: true` gives). */
import type { MatcherState, SyncMatcherResult } from 'vitest';
import { embeddingValues, num } from './embedding-values.ts';
import { l2Norm } from './vector-math.ts';

export function toBeUnitNorm(this: MatcherState, received: unknown, tol = 1e-3): SyncMatcherResult {
  const values = embeddingValues(received);
  if (!values.ok) {
    return { pass: false, message: () => `expected an embedding with unit L2 norm, but ${values.reason}` };
  }
  const norm = l2Norm(values.values);
  const deviation = Math.abs(norm - 1);
  return {
    pass: deviation <= tol,
    message: () =>
      this.isNot
        ? `expected L2 norm not within ${num(tol)} of 1, but it is ${num(norm)} (${values.values.length} values)`
        : `expected L2 norm 1 ± ${num(tol)}, but it is ${num(norm)} (off by ${num(deviation)}, ${values.values.length} values)`,
  };
}
