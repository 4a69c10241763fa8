/**
 * Records what a deployed model answers for each of its card's probes: one single-text predict per probe and content
 * type (asymmetric cards: query and passage), with the tensor's dtype and shape, and the mean predict time.
 */
import type { PredictResponse } from '../ml/predict-schema.ts';
import type { PredictRequest } from '../ml/request-types.ts';
import type { ModelCard } from '../models/model-card.ts';
import { embeddingRequest, sentenceEmbedding } from '../suite/predictions.ts';
import type { ContentTypeKey, RecordedCard, RecordedEmbedding } from './recording.ts';

export type PredictFn = (modelId: string, request: PredictRequest) => Promise<PredictResponse>;

export function contentTypesOf(card: ModelCard): readonly ContentTypeKey[] {
  return card.expectations.asymmetric ? ['query', 'passage'] : ['plain'];
}

export interface RecordCardInput {
  readonly card: ModelCard;
  readonly modelId: string;
  readonly predict: PredictFn;
  /** Wall times of this run's register and deploy of the model, when known. */
  readonly registerMs?: number;
  readonly deployMs?: number;
  readonly now?: () => number;
}

export async function recordCard(input: RecordCardInput): Promise<RecordedCard> {
  const { card } = input;
  const now = input.now ?? (() => performance.now());
  const embeddings: RecordedEmbedding[] = [];
  let predictTotal = 0;
  for (const probe of card.probes) {
    for (const contentType of contentTypesOf(card)) {
      const started = now();
      const response = await input.predict(
        input.modelId,
        embeddingRequest([probe.text], contentType === 'plain' ? undefined : contentType),
      );
      predictTotal += now() - started;
      const tensor = sentenceEmbedding(response);
      embeddings.push({
        probe: probe.id,
        contentType,
        dtype: tensor.data_type,
        shape: tensor.shape,
        vector: tensor.data,
      });
    }
  }
  return {
    id: card.id,
    format: card.format,
    sha256: card.artifact.sha256,
    modelConfig: { ...card.modelConfig },
    embeddings,
    timings: {
      ...(input.registerMs === undefined ? {} : { registerMs: Math.round(input.registerMs) }),
      ...(input.deployMs === undefined ? {} : { deployMs: Math.round(input.deployMs) }),
      ...(embeddings.length === 0 ? {} : { predictMs: Math.round((predictTotal / embeddings.length) * 10) / 10 }),
    },
  };
}
