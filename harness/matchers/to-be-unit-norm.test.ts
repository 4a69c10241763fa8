import { beforeAll, describe, expect, it } from 'vitest';
import { failureMessage } from './failure-message.ts';
import { registerMatchers } from './register-matchers.ts';

beforeAll(registerMatchers);

describe('toBeUnitNorm', () => {
  it('passes for unit vectors given as arrays, Float32Arrays or tensors', () => {
    expect([0.6, 0.8]).toBeUnitNorm();
    expect(Float32Array.of(1, 0, 0)).toBeUnitNorm();
    expect({ name: 'sentence_embedding', data_type: 'FLOAT32', shape: [2], data: [0.6, 0.8] }).toBeUnitNorm();
  });

  it('honours the tolerance', () => {
    expect([0.6, 0.8005]).toBeUnitNorm(1e-3);
    expect(failureMessage(() => expect([0.6, 0.8005]).toBeUnitNorm(1e-4))).toBe(
      'expected L2 norm 1 ± 0.0001, but it is 1.0004 (off by 0.000400045, 2 values)',
    );
  });

  it('accepts a deviation exactly at the tolerance', () => {
    expect([2]).toBeUnitNorm(1);
  });

  it('shows the norm found', () => {
    expect(failureMessage(() => expect([3, 4]).toBeUnitNorm())).toBe(
      'expected L2 norm 1 ± 0.001, but it is 5 (off by 4, 2 values)',
    );
  });

  it('explains unusable input', () => {
    expect(failureMessage(() => expect({ data: 'x' }).toBeUnitNorm())).toBe(
      'expected an embedding with unit L2 norm, but received tensor has no numeric data (data: string)',
    );
  });

  it('supports .not', () => {
    expect([3, 4]).not.toBeUnitNorm();
    expect(failureMessage(() => expect([1, 0]).not.toBeUnitNorm())).toBe(
      'expected L2 norm not within 0.001 of 1, but it is 1 (2 values)',
    );
  });
});
