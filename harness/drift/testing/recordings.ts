/** Small, hand-checkable recordings for the drift and baseline tests. */
import type { ContentTypeKey, RecordedCard, RecordedEmbedding } from '../recording.ts';
import type { RunRecording } from '../run-recording.ts';

export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);

export function unit(values: readonly number[]): number[] {
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0));
  return values.map((v) => v / norm);
}

export function embedding(
  probe: string,
  vector: readonly number[],
  contentType: ContentTypeKey = 'plain',
): RecordedEmbedding {
  return { probe, contentType, dtype: 'FLOAT32', shape: [vector.length], vector: [...vector] };
}

export const SHORT = unit([0.1, 0.2, 0.3, 0.4]);
export const LONG = unit([0.4, -0.3, 0.2, 0.1]);

export function card(overrides: Partial<RecordedCard> = {}): RecordedCard {
  return {
    id: 'tiny-onnx-sym',
    format: 'ONNX',
    sha256: SHA_A,
    modelConfig: { model_type: 'bert', embedding_dimension: 4, normalize_result: true },
    embeddings: [embedding('short', SHORT), embedding('long', LONG)],
    timings: { registerMs: 500, deployMs: 1000, predictMs: 10 },
    ...overrides,
  };
}

/**
 * Rotates every pair of coordinates (2i, 2i+1) by `radians`: a rotation of the whole vector, so the norm is kept and,
 * for an even length, the cosine to the original is exactly cos(radians).
 */
export function rotated(vector: readonly number[], radians: number): number[] {
  const c = Math.cos(radians);
  const s = Math.sin(radians);
  return vector.map((value, i) => {
    const partner = i % 2 === 0 ? vector[i + 1] : vector[i - 1];
    if (partner === undefined) {
      return value;
    }
    return i % 2 === 0 ? value * c - partner * s : partner * s + value * c;
  });
}

export function recording(project: string, version: string, cards: readonly RecordedCard[]): RunRecording {
  return { project, cluster: { version, distribution: 'opensearch', target: `native ${version}` }, cards };
}
