/**
 * The embedding a card's probe should get. A probe with a golden vector in the card's reference.json gets that
 * vector, whatever the format: it was computed elsewhere (sentence-transformers / PyTorch / Python onnxruntime), so
 * the comparison is independent of the harness — offline too, where the simulator computes ONNX embeddings with the
 * harness's own code. Without a golden, an ONNX card's embedding is computed with onnxruntime-node: against a real
 * cluster that is still an independent implementation, against the simulator only a self-consistency check
 * (`source` says which). Arbitrary (non-probe) texts only work for ONNX; checks that need them are gated by the
 * skip-reason function, and this throws if one slips through.
 */
import { localZipPath } from '../artifacts/artifact-cache.ts';
import { createOnnxReference, type ContentType, type OnnxReference } from '../onnx/onnx-reference.ts';
import type { ModelCard, Probe } from '../models/model-card.ts';

/** `golden`: reference.json; `computed`: the harness's onnxruntime-node computation. */
export type ReferenceSource = 'golden' | 'computed';

export interface EmbeddingReference {
  embed(input: Probe | string, contentType?: ContentType): Promise<number[]>;
  /** Where `embed` takes the vector for this input from. */
  source(input: Probe | string, contentType?: ContentType): ReferenceSource;
}

function golden(card: ModelCard, input: Probe | string, contentType?: ContentType): readonly number[] | undefined {
  return typeof input === 'string' ? undefined : card.reference?.[contentType ?? 'plain']?.[input.id];
}

export function referenceFor(card: ModelCard): EmbeddingReference {
  let onnx: OnnxReference | undefined;
  const computed = (text: string, contentType?: ContentType): Promise<Float32Array> => {
    if (onnx === undefined) {
      const zipPath = localZipPath(card.artifact);
      onnx = createOnnxReference(card, zipPath === undefined ? {} : { zipPath });
    }
    return onnx.embed(text, contentType);
  };
  return {
    source: (input, contentType) => (golden(card, input, contentType) === undefined ? 'computed' : 'golden'),
    async embed(input, contentType) {
      const vector = golden(card, input, contentType);
      if (vector !== undefined) {
        return [...vector];
      }
      if (card.format !== 'ONNX') {
        const what =
          typeof input === 'string'
            ? 'arbitrary text'
            : `probe ${input.id} (reference.json has no "${contentType ?? 'plain'}" vector for it)`;
        throw new Error(`${card.id}: no reference for ${what} with a ${card.format} card (only golden probe vectors)`);
      }
      return Array.from(await computed(typeof input === 'string' ? input : input.text, contentType));
    },
  };
}
