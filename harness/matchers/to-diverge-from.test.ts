import { beforeAll, describe, expect, it } from 'vitest';
import { failureMessage } from './failure-message.ts';
import { registerMatchers } from './register-matchers.ts';
import type { EmbeddingLike } from './embedding-values.ts';

beforeAll(registerMatchers);

// What a caller without types could pass: the matchers check their input at run time as well.
const untyped = (value: unknown): EmbeddingLike => value as EmbeddingLike;

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

  it('explains input it cannot compare, on either side', () => {
    expect(failureMessage(() => expect('text').toDivergeFrom([1, 0], { maxCosine: 0.5 }))).toBe(
      'cannot compare embeddings: received is neither a number array nor a tensor with data (got string)',
    );
    expect(failureMessage(() => expect([1, 0]).toDivergeFrom(untyped({ data: 'x' }), { maxCosine: 0.5 }))).toBe(
      'cannot compare embeddings: other tensor has no numeric data (data: string)',
    );
  });

  it('supports .not', () => {
    expect([1, 0]).not.toDivergeFrom([1, 0], { maxCosine: 0.98 });
    expect(failureMessage(() => expect([1, 0]).not.toDivergeFrom([0, 1], { maxCosine: 0.98 }))).toBe(
      'expected cosine ≥ 0.98, but it is 0',
    );
  });
});
