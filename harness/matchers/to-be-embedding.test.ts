import { beforeAll, describe, expect, it } from 'vitest';
import { failureMessage } from './failure-message.ts';
import { registerMatchers } from './register-matchers.ts';

beforeAll(registerMatchers);

const tensor = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'sentence_embedding',
  data_type: 'FLOAT32',
  shape: [4],
  data: [0.5, -0.5, 0.5, -0.5],
  ...overrides,
});

describe('toBeEmbedding', () => {
  it('passes for a well-formed tensor and for a bare number array', () => {
    expect(tensor()).toBeEmbedding({ dimension: 4 });
    expect(tensor({ data_type: 'FLOAT16' })).toBeEmbedding({ dimension: 4, dtype: 'FLOAT16' });
    expect([1, 2, 3]).toBeEmbedding({ dimension: 3 });
    expect(new Float32Array(3)).toBeEmbedding({ dimension: 3 });
  });

  it('lists every problem: shape, length, dtype and non-finite values', () => {
    const message = failureMessage(() =>
      expect(tensor({ shape: [1, 4], data: [1, Number.NaN, 2], data_type: 'FLOAT64' })).toBeEmbedding({ dimension: 4 }),
    );
    expect(message).toBe(
      [
        'expected a 4-dim FLOAT32 embedding, but:',
        '  - data_type is "FLOAT64", expected "FLOAT32"',
        '  - shape is [1, 4], expected [4]',
        '  - data has 3 values, expected 4',
        '  - 1 non-finite values: data[1] is NaN',
      ].join('\n'),
    );
  });

  it('shows the dimension found vs expected', () => {
    const message = failureMessage(() => expect(tensor()).toBeEmbedding({ dimension: 384 }));
    expect(message).toContain('shape is [4], expected [384]');
    expect(message).toContain('data has 4 values, expected 384');
  });

  it('reports a missing data array (return_number: false) and non-tensors', () => {
    expect(failureMessage(() => expect(tensor({ data: undefined })).toBeEmbedding({ dimension: 4 }))).toContain(
      'data is undefined, expected an array of 4 numbers',
    );
    expect(failureMessage(() => expect('text').toBeEmbedding({ dimension: 4 }))).toContain(
      'received string, not a tensor { name, data_type, shape, data }',
    );
  });

  it('reports null, a missing shape and a shape with extra axes', () => {
    expect(failureMessage(() => expect(null).toBeEmbedding({ dimension: 4 }))).toContain(
      'received null, not a tensor { name, data_type, shape, data }',
    );
    expect(failureMessage(() => expect(tensor({ shape: undefined })).toBeEmbedding({ dimension: 4 }))).toBe(
      'expected a 4-dim FLOAT32 embedding, but:\n  - shape is undefined, expected [4]',
    );
    expect(failureMessage(() => expect(tensor({ shape: [4, 1] })).toBeEmbedding({ dimension: 4 }))).toBe(
      'expected a 4-dim FLOAT32 embedding, but:\n  - shape is [4, 1], expected [4]',
    );
  });

  it('lists exactly five non-finite values without a remainder', () => {
    const message = failureMessage(() => expect(Array(5).fill(Number.NaN)).toBeEmbedding({ dimension: 5 }));
    expect(message).toContain(
      '5 non-finite values: data[0] is NaN, data[1] is NaN, data[2] is NaN, data[3] is NaN, data[4] is NaN',
    );
    expect(message).not.toContain('more');
  });

  it('caps the list of non-finite values', () => {
    const data = [Infinity, Number.NaN, -Infinity, Number.NaN, Number.NaN, Number.NaN, Number.NaN];
    const message = failureMessage(() => expect(data).toBeEmbedding({ dimension: 7 }));
    expect(message).toContain('7 non-finite values: data[0] is Infinity, data[1] is NaN, data[2] is -Infinity');
    expect(message).toContain('(+2 more)');
    expect(message).not.toContain('data[5]');
  });

  it('supports .not', () => {
    expect(tensor()).not.toBeEmbedding({ dimension: 5 });
    expect(failureMessage(() => expect(tensor()).not.toBeEmbedding({ dimension: 4 }))).toBe(
      'expected value not to be a 4-dim FLOAT32 embedding, but it is',
    );
  });
});
