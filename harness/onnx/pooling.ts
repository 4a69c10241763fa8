/**
 * Pooling and normalisation exactly as ML Commons' `ONNXSentenceTransformerTextEmbeddingTranslator` does them,
 * quirks included, because the reference must predict what the cluster returns:
 * - `max` keeps the reduced axis (`max(AXIS, true)`), so the result has shape [1, dim];
 * - normalisation is `normalize(2, 0)`, i.e. along axis 0: a unit vector for [dim], but for [1, dim] every
 *   element is divided by its own magnitude (all ±1);
 * - `none` returns the tensor as it is (after dropping the batch axis of a rank-3 output).
 */
import type { PoolingMode } from '../models/model-config-schema.ts';

export interface DenseTensor {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

const NORMALIZE_EPS = 1e-12;

export function poolAndNormalize(
  output: DenseTensor,
  attentionMask: readonly number[],
  mode: PoolingMode,
  normalize: boolean,
): DenseTensor {
  const tokens = output.shape.length === 3 ? dropBatch(output) : output;
  const pooled = pool(tokens, attentionMask, mode);
  return normalize ? normalizeAxis0(pooled) : pooled;
}

function dropBatch(output: DenseTensor): DenseTensor {
  const [, seq = 0, dim = 0] = output.shape;
  return { data: output.data.subarray(0, seq * dim), shape: [seq, dim] };
}

function pool(tokens: DenseTensor, mask: readonly number[], mode: PoolingMode): DenseTensor {
  if (mode === 'none') {
    return tokens;
  }
  if (tokens.shape.length !== 2) {
    throw new Error(`pooling ${mode} needs a [seq, dim] token tensor, got shape [${tokens.shape.join(', ')}]`);
  }
  const [seq = 0, dim = 0] = tokens.shape;
  const row = (index: number): Float32Array => tokens.data.subarray(index * dim, (index + 1) * dim);
  const weighted = (weightOf: (index: number) => number, divisor: (weightSum: number) => number): DenseTensor => {
    const sum = new Float64Array(dim);
    let weightSum = 0;
    for (let i = 0; i < seq; i++) {
      const weight = weightOf(i);
      weightSum += weight;
      row(i).forEach((value, d) => (sum[d] = (sum[d] ?? 0) + value * weight));
    }
    const scale = divisor(weightSum);
    return { data: Float32Array.from(sum, (value) => value / scale), shape: [dim] };
  };
  const maskAt = (index: number): number => mask[index] ?? 0;
  const clamp = (count: number): number => Math.min(Math.max(count, 1e-9), 1e12);
  switch (mode) {
    case 'mean':
      return weighted(maskAt, clamp);
    case 'mean_sqrt_len':
      return weighted(maskAt, (count) => Math.sqrt(clamp(count)));
    case 'weighted_mean':
      return weighted(
        (index) => maskAt(index) * (index + 1),
        (sum) => sum,
      );
    case 'max': {
      const max = new Float32Array(dim).fill(-Infinity);
      for (let i = 0; i < seq; i++) {
        row(i).forEach((value, d) => (max[d] = Math.max(max[d] ?? -Infinity, maskAt(i) === 0 ? -1e9 : value)));
      }
      return { data: max, shape: [1, dim] };
    }
    case 'cls':
      return { data: row(0).slice(), shape: [dim] };
    case 'last_token': {
      const count = mask.reduce((sum, value) => sum + value, 0);
      return { data: row(Math.max(count - 1, 0)).slice(), shape: [dim] };
    }
  }
}

function normalizeAxis0(tensor: DenseTensor): DenseTensor {
  const [rows = 0] = tensor.shape;
  const columns = rows === 0 ? 0 : tensor.data.length / rows;
  const data = new Float32Array(tensor.data.length);
  for (let c = 0; c < columns; c++) {
    let squares = 0;
    for (let r = 0; r < rows; r++) {
      squares += (tensor.data[r * columns + c] ?? 0) ** 2;
    }
    const norm = Math.max(Math.sqrt(squares), NORMALIZE_EPS);
    for (let r = 0; r < rows; r++) {
      data[r * columns + c] = (tensor.data[r * columns + c] ?? 0) / norm;
    }
  }
  return { data, shape: tensor.shape };
}
