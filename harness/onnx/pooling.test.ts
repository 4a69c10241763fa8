import { describe, expect, it } from 'vitest';
import type { PoolingMode } from '../models/model-config-schema.ts';
import { poolAndNormalize } from './pooling.ts';

// Token embeddings of one text as the model returns them: [1, seq=3, dim=2]; the last token is padding.
const OUTPUT = { data: Float32Array.of(1, 2, 3, -4, 100, 100), shape: [1, 3, 2] };
const MASK = [1, 1, 0];

describe('poolAndNormalize (mirrors ONNXSentenceTransformerTextEmbeddingTranslator)', () => {
  it.for<[PoolingMode, number[], number[]]>([
    ['mean', [2, -1], [2]],
    ['mean_sqrt_len', [4 / Math.SQRT2, -2 / Math.SQRT2], [2]],
    ['weighted_mean', [(1 * 1 + 3 * 2) / 3, (2 * 1 - 4 * 2) / 3], [2]],
    // max keeps the reduced axis: ML Commons returns shape [1, dim] for it.
    ['max', [3, 2], [1, 2]],
    ['cls', [1, 2], [2]],
    // last_token = index sum(mask) - 1, i.e. the last real token.
    ['last_token', [3, -4], [2]],
    ['none', [1, 2, 3, -4, 100, 100], [3, 2]],
  ])('%s pools to %j with shape %j', ([mode, values, shape]) => {
    const pooled = poolAndNormalize(OUTPUT, MASK, mode, false);
    expect(pooled.shape).toEqual(shape);
    expect(Array.from(pooled.data)).toEqual(values.map((value) => Math.fround(value)));
  });

  it('normalises a [dim] embedding to unit length', () => {
    const pooled = poolAndNormalize(OUTPUT, MASK, 'mean', true);
    expect(pooled.data).toBeUnitNorm(1e-6);
    expect(Array.from(pooled.data)).toEqual([2 / Math.sqrt(5), -1 / Math.sqrt(5)].map(Math.fround));
  });

  it('normalises max pooling element-wise, because DJL normalises along axis 0 of [1, dim]', () => {
    const pooled = poolAndNormalize({ data: Float32Array.of(0.5, -2, 0.25, -3), shape: [2, 2] }, [1, 1], 'max', true);
    expect(pooled.shape).toEqual([1, 2]);
    expect(Array.from(pooled.data)).toEqual([1, -1]);
  });

  it('accepts a [seq, dim] output without batch axis', () => {
    const pooled = poolAndNormalize({ data: Float32Array.of(1, 2, 3, 4), shape: [2, 2] }, [1, 1], 'mean', false);
    expect(Array.from(pooled.data)).toEqual([2, 3]);
  });

  it.for<PoolingMode>(['cls', 'last_token'])('returns %s as a copy, not a view of the model output', (mode) => {
    const output = { data: Float32Array.of(1, 2, 3, 4), shape: [2, 2] };
    const pooled = poolAndNormalize(output, [1, 1], mode, false);
    pooled.data.fill(0);
    expect(Array.from(output.data)).toEqual([1, 2, 3, 4]);
  });

  it('normalises a none-pooled [seq, dim] tensor column by column', () => {
    const pooled = poolAndNormalize({ data: Float32Array.of(3, 0, 4, 1), shape: [2, 2] }, [1, 1], 'none', true);
    expect(Array.from(pooled.data)).toEqual([0.6, 0, 0.8, 1].map(Math.fround));
  });

  it('names the whole shape of a tensor it cannot pool', () => {
    const output = { data: new Float32Array(16), shape: [2, 2, 2, 2] };
    expect(() => poolAndNormalize(output, [1, 1], 'cls', false)).toThrowError('got shape [2, 2, 2, 2]');
  });

  it('refuses to pool a tensor that is not [seq, dim]', () => {
    expect(() => poolAndNormalize({ data: Float32Array.of(1, 2), shape: [2] }, [1], 'mean', false)).toThrowError(
      'pooling mean needs a [seq, dim] token tensor, got shape [2]',
    );
  });
});
