import { describe, expect, it } from 'vitest';
import { formatCosine, formatDiff, maxAbsDiff } from './vector-drift.ts';

describe('vector drift numbers', () => {
  it('max abs diff is infinite for different lengths and NaN values, exact otherwise', () => {
    expect(maxAbsDiff([1, 2, 3], [1, 2.5, 2])).toBe(1);
    expect(maxAbsDiff([1, 2], [1, 2, 3])).toBe(Number.POSITIVE_INFINITY);
    expect(maxAbsDiff([1, Number.NaN], [1, 2])).toBe(Number.POSITIVE_INFINITY);
  });

  it('prints cosines with enough digits to see how close to 1 they are', () => {
    expect(formatCosine(1)).toBe('1');
    expect(formatCosine(0.9999999999999999)).toBe('1');
    expect(formatCosine(0.9998)).toBe('0.999800');
    expect(formatCosine(1 - 2.7e-13)).toBe('1.000000000000');
    expect(formatCosine(1 - 3e-9)).toBe('0.99999999700');
    expect(formatCosine(Number.NaN)).toBe('n/a');
    expect(formatDiff(0)).toBe('0');
    expect(formatDiff(1.25e-7)).toBe('1.25e-7');
  });
});
