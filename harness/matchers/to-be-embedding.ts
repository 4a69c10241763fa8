/**
 * `expect(tensor).toBeEmbedding({ dimension, dtype })`: one embedding as ML Commons returns it, i.e. shape
 * `[dimension]`, `dimension` values, the expected `data_type`, and only finite numbers. Every problem is listed.
 */
import type { MatcherState, SyncMatcherResult } from 'vitest';
import { describe, type EmbeddingTensorLike } from './embedding-values.ts';

export interface ToBeEmbeddingOptions {
  readonly dimension: number;
  /** Default FLOAT32. Ignored for a bare number array. */
  readonly dtype?: string;
}

const MAX_LISTED = 5;

export function toBeEmbedding(this: MatcherState, received: unknown, options: ToBeEmbeddingOptions): SyncMatcherResult {
  const { dimension } = options;
  const dtype = options.dtype ?? 'FLOAT32';
  const problems =
    Array.isArray(received) || received instanceof Float32Array
      ? valueProblems(Array.from(received as ArrayLike<unknown>), dimension)
      : tensorProblems(received, dimension, dtype);
  const wanted = `a ${dimension}-dim ${dtype} embedding`;
  return {
    pass: problems.length === 0,
    message: () =>
      this.isNot
        ? `expected value not to be ${wanted}, but it is`
        : `expected ${wanted}, but:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
  };
}

function tensorProblems(received: unknown, dimension: number, dtype: string): string[] {
  if (received === null || typeof received !== 'object') {
    return [`received ${describe(received)}, not a tensor { name, data_type, shape, data }`];
  }
  const tensor = received as EmbeddingTensorLike;
  const problems: string[] = [];
  if (tensor.data_type !== dtype) {
    problems.push(`data_type is ${JSON.stringify(tensor.data_type)}, expected ${JSON.stringify(dtype)}`);
  }
  const shape: unknown = tensor.shape;
  if (!Array.isArray(shape)) {
    problems.push(`shape is ${describe(shape)}, expected [${dimension}]`);
  } else if (shape.length !== 1 || shape[0] !== dimension) {
    problems.push(`shape is [${shape.join(', ')}], expected [${dimension}]`);
  }
  const data: unknown = tensor.data;
  if (!Array.isArray(data) && !(data instanceof Float32Array)) {
    problems.push(`data is ${describe(data)}, expected an array of ${dimension} numbers`);
  } else {
    problems.push(...valueProblems(Array.from(data as ArrayLike<unknown>), dimension));
  }
  return problems;
}

function valueProblems(values: readonly unknown[], dimension: number): string[] {
  const problems: string[] = [];
  if (values.length !== dimension) {
    problems.push(`data has ${values.length} values, expected ${dimension}`);
  }
  const bad = values.flatMap((value, index) =>
    typeof value === 'number' && Number.isFinite(value) ? [] : [`data[${index}] is ${String(value)}`],
  );
  if (bad.length > 0) {
    const more = bad.length > MAX_LISTED ? ` (+${bad.length - MAX_LISTED} more)` : '';
    problems.push(`${bad.length} non-finite values: ${bad.slice(0, MAX_LISTED).join(', ')}${more}`);
  }
  return problems;
}
