import { beforeAll, describe, expect, it } from 'vitest';
import { failureMessage } from './failure-message.ts';
import { registerMatchers } from './register-matchers.ts';

beforeAll(registerMatchers);

describe('toDivergeFrom', () => {
  it('passes when the cosine is below the maximum', () => {
    expect([1, 0]).toDivergeFrom([0, 1], { maxCosine: 0.98 });
    expect({ data: [1, 0] }).toDivergeFrom(Float32Array.of(1, 1), { maxCosine: 0.98 });
  });

  it('fails with the cosine found', () => {
    expect(failureMessage(() => expect([1, 0]).toDivergeFrom([1, 0.01], { maxCosine: 0.98 }))).toBe(
      'expected cosine below 0.98, but it is 0.99995',
    );
  });

  it('is strict at the boundary', () => {
    expect(failureMessage(() => expect([1, 0]).toDivergeFrom([1, 0], { maxCosine: 1 }))).toBe(
      'expected cosine below 1, but it is 1',
    );
  });

  it('refuses vectors of different dimension', () => {
    expect(failureMessage(() => expect([1, 0]).toDivergeFrom([1, 0, 0], { maxCosine: 0.5 }))).toBe(
      'expected embeddings of equal dimension, but received has 2 values, other has 3',
    );
  });

  it('supports .not', () => {
    expect([1, 0]).not.toDivergeFrom([1, 0], { maxCosine: 0.98 });
    expect(failureMessage(() => expect([1, 0]).not.toDivergeFrom([0, 1], { maxCosine: 0.98 }))).toBe(
      'expected cosine ≥ 0.98, but it is 0',
    );
  });
});
