import { createHash } from 'node:crypto';
import type { EmbedRequest, InferenceBackend } from '../inference/backend.ts';

/**
 * Deterministic stand-in for real inference in the simulator's own tests: the vector of a text is derived from
 * its SHA-256, sized by the model's embedding_dimension. It records every request so tests can check exactly
 * what the simulator asked (prefixes applied, content type).
 */
export interface FakeBackend extends InferenceBackend {
  readonly calls: EmbedRequest[];
}

export function fakeVector(text: string, dimension: number): number[] {
  const digest = createHash('sha256').update(text).digest();
  return Array.from({ length: dimension }, (_, i) => ((digest[i % digest.length] ?? 0) - 127.5) / 127.5);
}

export function createFakeBackend(options: { prepareError?: string } = {}): FakeBackend {
  const calls: EmbedRequest[] = [];
  return {
    name: 'fake',
    calls,
    embed(request) {
      calls.push(request);
      return Promise.resolve(request.texts.map((text) => fakeVector(text, request.modelConfig.embedding_dimension)));
    },
    prepare() {
      return options.prepareError === undefined ? Promise.resolve() : Promise.reject(new Error(options.prepareError));
    },
  };
}
