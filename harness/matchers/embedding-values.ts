/**
 * Matchers accept either an ML Commons output tensor (`{ name, data_type, shape, data }`, as in
 * `inference_results[i].output[j]`) or the bare values (number[] / Float32Array), whichever the test has.
 */

export interface EmbeddingTensorLike {
  readonly name?: string;
  readonly data_type?: string;
  readonly shape?: readonly number[];
  readonly data?: ArrayLike<number>;
}

export type EmbeddingLike = EmbeddingTensorLike | ArrayLike<number>;

export type ValuesResult = { ok: true; values: readonly number[] } | { ok: false; reason: string };

export function embeddingValues(value: unknown, what = 'received'): ValuesResult {
  if (isNumberArrayLike(value)) {
    return { ok: true, values: Array.from(value) };
  }
  if (value !== null && typeof value === 'object' && 'data' in value) {
    const data = (value as EmbeddingTensorLike).data;
    if (isNumberArrayLike(data)) {
      return { ok: true, values: Array.from(data) };
    }
    return { ok: false, reason: `${what} tensor has no numeric data (data: ${describe(data)})` };
  }
  return { ok: false, reason: `${what} is neither a number array nor a tensor with data (got ${describe(value)})` };
}

function isNumberArrayLike(value: unknown): value is ArrayLike<number> {
  if (value instanceof Float32Array || value instanceof Float64Array) {
    return true;
  }
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

export function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return `array of ${value.length}`;
  }
  return typeof value;
}

/** Short rendering for messages: 6 significant digits. */
export function num(value: number | undefined): string {
  return value === undefined
    ? 'undefined'
    : Number.isFinite(value)
      ? String(Number(value.toPrecision(6)))
      : String(value);
}
