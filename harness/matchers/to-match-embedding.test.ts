import { beforeAll, describe, expect, it } from 'vitest';
import { failureMessage } from './failure-message.ts';
import { registerMatchers } from './register-matchers.ts';
import type { EmbeddingLike } from './embedding-values.ts';

beforeAll(registerMatchers);

// What a caller without types could pass: the matchers check their input at run time as well.
const untyped = (value: unknown): EmbeddingLike => value as EmbeddingLike;

const reference = [0.5, -0.5, 0.5, -0.5];

describe('toMatchEmbedding', () => {
  it('passes within tolerance, for arrays, Float32Arrays and tensors on either side', () => {
    expect([0.5000001, -0.5, 0.5, -0.5]).toMatchEmbedding(reference);
    expect(Float32Array.from(reference)).toMatchEmbedding({ data: reference });
    expect({ name: 'sentence_embedding', data_type: 'FLOAT32', shape: [4], data: reference }).toMatchEmbedding(
      Float32Array.from(reference),
      { minCosine: 0.99999, rtol: 0, atol: 1e-6 },
    );
  });

  it('fails on a scaled vector although the cosine is perfect, naming the worst element', () => {
    const message = failureMessage(() => expect(reference.map((x) => x * 2)).toMatchEmbedding(reference));
    expect(message).toBe(
      [
        'expected embedding to match the reference:',
        '  cosine 1 (min 0.9999)',
        '  4 of 4 elements outside atol 0.00001 + rtol 0.001·|reference|',
        '  worst [0]: received 1, reference 0.5, |diff| 0.5 vs allowed 0.00051',
      ].join('\n'),
    );
  });

  it('fails on direction and marks the cosine', () => {
    const message = failureMessage(() =>
      expect([0.5, -0.5, 0.5, 0.5]).toMatchEmbedding(reference, { minCosine: 0.99 }),
    );
    expect(message).toContain('cosine 0.5 (min 0.99) ✗');
    expect(message).toContain('1 of 4 elements outside');
    expect(message).toContain('worst [3]: received 0.5, reference -0.5, |diff| 1 vs allowed 0.00051');
  });

  it('refuses vectors of different dimension', () => {
    expect(failureMessage(() => expect([1, 2, 3]).toMatchEmbedding(reference))).toBe(
      'expected embeddings of equal dimension, but received has 3 values, reference has 4',
    );
  });

  it('treats NaN as a mismatch', () => {
    const message = failureMessage(() => expect([0.5, Number.NaN, 0.5, -0.5]).toMatchEmbedding(reference));
    expect(message).toContain('cosine NaN (min 0.9999) ✗');
    expect(message).toContain('worst [1]: received NaN');
  });

  it('explains input it cannot compare, on either side', () => {
    expect(failureMessage(() => expect('text').toMatchEmbedding(reference))).toBe(
      'cannot compare embeddings: received is neither a number array nor a tensor with data (got string)',
    );
    expect(failureMessage(() => expect(reference).toMatchEmbedding(untyped({ data: 'x' })))).toBe(
      'cannot compare embeddings: reference tensor has no numeric data (data: string)',
    );
  });

  it('accepts a cosine exactly at the minimum', () => {
    expect([1, 0]).toMatchEmbedding([1, 0], { minCosine: 1, rtol: 0, atol: 0 });
  });

  it('supports .not', () => {
    expect([1, 0, 0, 0]).not.toMatchEmbedding(reference);
    expect(failureMessage(() => expect(reference).not.toMatchEmbedding(reference))).toMatch(
      /^expected embedding not to match the reference, but it does:\n {2}cosine 1 \(min 0\.9999\)/,
    );
  });
});
