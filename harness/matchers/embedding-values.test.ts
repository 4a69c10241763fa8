import { describe as suite, expect, it } from 'vitest';
import { describe, embeddingValues, num } from './embedding-values.ts';
import { allClose, cosine } from './vector-math.ts';

suite('embeddingValues', () => {
  it('takes number arrays, typed arrays and tensors with numeric data', () => {
    expect(embeddingValues([1, 2])).toEqual({ ok: true, values: [1, 2] });
    expect(embeddingValues(Float64Array.of(0.5))).toEqual({ ok: true, values: [0.5] });
    expect(embeddingValues({ data: Float32Array.of(2) })).toEqual({ ok: true, values: [2] });
  });

  it('refuses an array with a value that is not a number', () => {
    expect(embeddingValues([1, '2'], 'other')).toEqual({
      ok: false,
      reason: 'other is neither a number array nor a tensor with data (got array of 2)',
    });
  });

  it('refuses null, primitives and objects without data, saying what it got', () => {
    expect(embeddingValues(null)).toEqual({
      ok: false,
      reason: 'received is neither a number array nor a tensor with data (got null)',
    });
    expect(embeddingValues('text')).toEqual({
      ok: false,
      reason: 'received is neither a number array nor a tensor with data (got string)',
    });
    expect(embeddingValues({ values: [1] })).toEqual({
      ok: false,
      reason: 'received is neither a number array nor a tensor with data (got object)',
    });
    expect(embeddingValues({ data: null }, 'reference')).toEqual({
      ok: false,
      reason: 'reference tensor has no numeric data (data: null)',
    });
  });
});

suite('describe and num (message parts)', () => {
  it('describes null, arrays by length, anything else by type', () => {
    expect(describe(null)).toBe('null');
    expect(describe([1, 2, 3])).toBe('array of 3');
    expect(describe(undefined)).toBe('undefined');
    expect(describe(1)).toBe('number');
  });

  it('renders 6 significant digits, and undefined and non-finite values by name', () => {
    expect(num(1 / 3)).toBe('0.333333');
    expect(num(undefined)).toBe('undefined');
    expect(num(Number.NaN)).toBe('NaN');
    expect(num(-Infinity)).toBe('-Infinity');
  });
});

suite('vector maths', () => {
  it('gives the cosine, NaN for a zero vector', () => {
    expect(cosine([1, 0], [0, 2])).toBe(0);
    expect(cosine([3, 4], [6, 8])).toBeCloseTo(1, 15);
    expect(cosine([0, 0], [1, 0])).toBeNaN();
  });

  it('counts a difference equal to its allowance as close (numpy.allclose uses ≤)', () => {
    expect(allClose([1.5], [1], 0, 0.5)).toMatchObject({ violations: 0 });
    expect(allClose([1.5], [1], 0, 0.25)).toMatchObject({ violations: 1, worstDiff: 0.5, worstAllowed: 0.25 });
  });

  it('names as worst the element most over its own allowance, not the largest difference', () => {
    // Element 0 differs by 0.5 but may differ by 1.5 (rtol 1); element 1 differs by 0.3 with 0.2 allowed.
    expect(allClose([1, -0.1], [1.5, 0.2], 1, 0)).toEqual({
      violations: 1,
      worstIndex: 1,
      worstDiff: expect.closeTo(0.3, 12) as number,
      worstAllowed: 0.2,
    });
  });
});
