/**
 * Reading embeddings out of predict responses. A response without a `sentence_embedding` tensor is a conformance
 * failure with a precise message, not an `undefined` that fails three assertions later.
 */
import { l2Norm } from '../matchers/vector-math.ts';
import type { ModelTensor, PredictResponse } from '../ml/predict-schema.ts';
import type { ContentType, PredictRequest } from '../ml/request-types.ts';
import type { ModelCard } from '../models/model-card.ts';

export interface EmbeddingTensor extends ModelTensor {
  readonly data: number[];
}

export function sentenceEmbeddings(response: PredictResponse): EmbeddingTensor[] {
  return response.inference_results.map((result, index) => {
    const outputs = result.output ?? [];
    const tensor = outputs.find((o) => o.name === 'sentence_embedding');
    if (tensor === undefined) {
      const names = outputs.map((o) => o.name).join(', ') || 'none';
      throw new Error(`inference_results[${index}] has no sentence_embedding tensor (outputs: ${names})`);
    }
    if (tensor.data === undefined) {
      throw new Error(`inference_results[${index}].sentence_embedding has no data (was return_number false?)`);
    }
    return { ...tensor, data: tensor.data };
  });
}

/** The single embedding of a one-text predict. */
export function sentenceEmbedding(response: PredictResponse): EmbeddingTensor {
  const all = sentenceEmbeddings(response);
  const [first] = all;
  if (first === undefined || all.length !== 1) {
    throw new Error(`expected exactly one inference result, got ${all.length}`);
  }
  return first;
}

/** The predict body every check sends: the texts, only the sentence embedding, and the content type if any. */
export function embeddingRequest(texts: readonly string[], contentType?: ContentType): PredictRequest {
  return {
    text_docs: texts,
    target_response: ['sentence_embedding'],
    ...(contentType === undefined ? {} : { parameters: { content_type: contentType } }),
  };
}

/** Asymmetric cards are predicted as queries by the generic checks (they refuse a missing content type). */
export function contentTypeFor(card: ModelCard): ContentType | undefined {
  return card.expectations.asymmetric ? 'query' : undefined;
}

export function isUnitNorm(values: readonly number[], tolerance: number): boolean {
  return Math.abs(l2Norm(values) - 1) <= tolerance;
}
