/** The harness's embedding matchers; types are declared in the repo-root `vitest.d.ts`. */
import { expect } from 'vitest';
import { toBeEmbedding } from './to-be-embedding.ts';
import { toBeUnitNorm } from './to-be-unit-norm.ts';
import { toDivergeFrom } from './to-diverge-from.ts';
import { toMatchEmbedding } from './to-match-embedding.ts';

const embeddingMatchers = { toBeEmbedding, toBeUnitNorm, toMatchEmbedding, toDivergeFrom };

/** Idempotent; called from `setup.ts` (the setup file of every Vitest project). */
export function registerMatchers(): void {
  expect.extend(embeddingMatchers);
}
