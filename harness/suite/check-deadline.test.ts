import { describe, expect, it } from 'vitest';
import { checkDeadline } from './check-deadline.ts';

describe('checkDeadline', () => {
  it('keeps a margin of 10 % of the test timeout, at least 1 s and at most 10 s', () => {
    expect(checkDeadline(1_000, 30_000)).toBe(1_000 + 27_000);
    expect(checkDeadline(0, 240_000)).toBe(230_000);
    expect(checkDeadline(0, 100_000)).toBe(90_000);
    expect(checkDeadline(0, 5_000)).toBe(4_000);
    expect(checkDeadline(0, 10_000)).toBe(9_000);
  });

  it('has no deadline without a test timeout (0, missing or infinite)', () => {
    expect(checkDeadline(0, undefined)).toBeUndefined();
    expect(checkDeadline(0, 0)).toBeUndefined();
    expect(checkDeadline(0, -1)).toBeUndefined();
    expect(checkDeadline(0, Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(checkDeadline(0, Number.NaN)).toBeUndefined();
  });
});
