/** Plain float64 vector maths for the embedding matchers. */

export function l2Norm(values: readonly number[]): number {
  return Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
}

/** NaN when either vector is all zeros (undefined direction). */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
  }
  const norms = l2Norm(a) * l2Norm(b);
  return norms === 0 ? Number.NaN : dot / norms;
}

export interface AllCloseReport {
  /** Elements with |actual - expected| > atol + rtol·|expected| (numpy.allclose semantics). */
  readonly violations: number;
  /** Index with the largest excess over its allowance. */
  readonly worstIndex: number;
  readonly worstDiff: number;
  readonly worstAllowed: number;
}

export function allClose(
  actual: readonly number[],
  expected: readonly number[],
  rtol: number,
  atol: number,
): AllCloseReport {
  let violations = 0;
  let worstIndex = 0;
  let worstExcess = -Infinity;
  let worstDiff = 0;
  let worstAllowed = 0;
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs((actual[i] ?? Number.NaN) - (expected[i] ?? Number.NaN));
    const allowed = atol + rtol * Math.abs(expected[i] ?? 0);
    // NaN differences count as violations and as the worst possible excess.
    const excess = Number.isNaN(diff) ? Infinity : diff - allowed;
    if (!(diff <= allowed)) {
      violations++;
    }
    if (excess > worstExcess) {
      worstExcess = excess;
      worstIndex = i;
      worstDiff = diff;
      worstAllowed = allowed;
    }
  }
  return { violations, worstIndex, worstDiff, worstAllowed };
}
