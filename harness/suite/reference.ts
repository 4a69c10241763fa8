/**
 * The embedding a card's probe should get: computed with onnxruntime-node for ONNX cards, the committed golden
 * vector for other formats. Arbitrary (non-probe) texts only work for ONNX; checks that need them are gated by
 * the skip-reason function, and this throws if one slips through.
 */
import { localZipPath } from '../artifacts/artifact-cache.ts';
import { createOnnxReference, type ContentType } from '../onnx/onnx-reference.ts';
import type { ModelCard, Probe } from '../models/model-card.ts';

export interface EmbeddingReference {
  embed(input: Probe | string, contentType?: ContentType): Promise<number[]>;
}

function goldenReference(card: ModelCard): EmbeddingReference {
  return {
    embed(input, contentType) {
      if (typeof input === 'string') {
        return Promise.reject(
          new Error(
            `${card.id}: no reference for arbitrary text with a ${card.format} card (only golden probe vectors)`,
          ),
        );
      }
      const kind = contentType ?? 'plain';
      const vector = card.reference?.[kind]?.[input.id];
      if (vector === undefined) {
        return Promise.reject(new Error(`${card.id}: reference.json has no "${kind}" vector for probe ${input.id}`));
      }
      return Promise.resolve([...vector]);
    },
  };
}

export function referenceFor(card: ModelCard): EmbeddingReference {
  if (card.format !== 'ONNX') {
    return goldenReference(card);
  }
  const zipPath = localZipPath(card.artifact);
  const onnx = createOnnxReference(card, zipPath === undefined ? {} : { zipPath });
  return {
    async embed(input, contentType) {
      const text = typeof input === 'string' ? input : input.text;
      return Array.from(await onnx.embed(text, contentType));
    },
  };
}
