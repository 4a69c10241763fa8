/**
 * `expect(actual).toMatchEmbedding(reference, { minCosine, rtol, atol })`: same direction (cosine ≥ minCosine)
 * AND element-wise close (|a − r| ≤ atol + rtol·|r|, numpy.allclose with the reference as `b`). Cosine alone
 * would accept a wrongly scaled vector; allclose alone gives no overall picture, so the message shows both.
 */
import type { MatcherState, SyncMatcherResult } from 'vitest';
import { embeddingValues, num } from './embedding-values.ts';
import { allClose, cosine } from './vector-math.ts';

export interface EmbeddingTolerance {
  readonly minCosine?: number;
  readonly rtol?: number;
  readonly atol?: number;
}

// Same defaults as the model-card format (fixtures/models/README.md).
const DEFAULTS = { minCosine: 0.9999, rtol: 1e-3, atol: 1e-5 };

export function toMatchEmbedding(
  this: MatcherState,
  received: unknown,
  reference: unknown,
  tolerance: EmbeddingTolerance = {},
): SyncMatcherResult {
  const { minCosine, rtol, atol } = { ...DEFAULTS, ...tolerance };
  const actual = embeddingValues(received);
  const expected = embeddingValues(reference, 'reference');
  if (!actual.ok || !expected.ok) {
    const reason = actual.ok ? (expected.ok ? '' : expected.reason) : actual.reason;
    return { pass: false, message: () => `cannot compare embeddings: ${reason}` };
  }
  if (actual.values.length !== expected.values.length) {
    const lengths = `received has ${actual.values.length} values, reference has ${expected.values.length}`;
    return { pass: false, message: () => `expected embeddings of equal dimension, but ${lengths}` };
  }
  const cos = cosine(actual.values, expected.values);
  const close = allClose(actual.values, expected.values, rtol, atol);
  const cosineOk = cos >= minCosine;
  const pass = cosineOk && close.violations === 0;
  const i = close.worstIndex;
  const details = [
    `cosine ${num(cos)} (min ${num(minCosine)})${cosineOk ? '' : ' ✗'}`,
    `${close.violations} of ${expected.values.length} elements outside atol ${num(atol)} + rtol ${num(rtol)}·|reference|`,
    `worst [${i}]: received ${num(actual.values[i])}, reference ${num(expected.values[i])}, ` +
      `|diff| ${num(close.worstDiff)} vs allowed ${num(close.worstAllowed)}`,
  ].join('\n  ');
  return {
    pass,
    message: () =>
      this.isNot
        ? `expected embedding not to match the reference, but it does:\n  ${details}`
        : `expected embedding to match the reference:\n  ${details}`,
  };
}
