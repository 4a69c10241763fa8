/**
 * `expect(queryEmbedding).toDivergeFrom(passageEmbedding, { maxCosine })`: cosine strictly below `maxCosine`.
 * For asymmetric models the same text embedded as query and as passage must differ, or the prefixes were lost.
 */
import type { MatcherState, SyncMatcherResult } from 'vitest';
import { embeddingValues, num } from './embedding-values.ts';
import { cosine } from './vector-math.ts';

export interface ToDivergeFromOptions {
  readonly maxCosine: number;
}

export function toDivergeFrom(
  this: MatcherState,
  received: unknown,
  other: unknown,
  options: ToDivergeFromOptions,
): SyncMatcherResult {
  const a = embeddingValues(received);
  const b = embeddingValues(other, 'other');
  if (!a.ok || !b.ok) {
    const reason = a.ok ? (b.ok ? '' : b.reason) : a.reason;
    return { pass: false, message: () => `cannot compare embeddings: ${reason}` };
  }
  if (a.values.length !== b.values.length) {
    const lengths = `received has ${a.values.length} values, other has ${b.values.length}`;
    return { pass: false, message: () => `expected embeddings of equal dimension, but ${lengths}` };
  }
  const cos = cosine(a.values, b.values);
  return {
    pass: cos < options.maxCosine,
    message: () =>
      this.isNot
        ? `expected cosine ≥ ${num(options.maxCosine)}, but it is ${num(cos)}`
        : `expected cosine below ${num(options.maxCosine)}, but it is ${num(cos)}`,
  };
}
