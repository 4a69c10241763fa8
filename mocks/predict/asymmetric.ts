import { HttpError } from '../http/errors.ts';
import type { WrongBehaviour } from '../faults/types.ts';
import type { StoredModelConfig } from '../state/types.ts';
import type { ContentType, PredictInput } from './input.ts';

export interface ModelInputs {
  readonly texts: string[];
  readonly contentType?: ContentType;
}

/**
 * `TextEmbeddingModel` (2.13+): a model is asymmetric iff a prefix was stored. Asymmetric without parameters →
 * the "declare QUERY or PASSAGE" error; symmetric with parameters → the "requires … prefix" error; otherwise the
 * prefix of the content type is prepended. What a line stores/parses is decided earlier (model-config-input.ts,
 * input.ts), so 2.13 (parameters dropped) and ≤2.12 (prefixes dropped) fall out of the same code.
 */
export function resolveModelInputs(
  config: StoredModelConfig,
  input: PredictInput,
  wrong: WrongBehaviour,
  modelId: string,
): ModelInputs {
  const asymmetric = config.query_prefix !== undefined || config.passage_prefix !== undefined;
  if (asymmetric && wrong.ignoreContentType === true) {
    // Wrong on purpose: every input embedded as a query, so query and passage vectors coincide.
    return { texts: input.texts.map((text) => (config.query_prefix ?? '') + text), contentType: 'QUERY' };
  }
  if (asymmetric && input.parameters === undefined) {
    throw new HttpError('asymmetricNeedsContentType', { id: modelId });
  }
  if (!asymmetric && input.parameters !== undefined) {
    throw new HttpError('symmetricGivenContentType', { id: modelId });
  }
  if (input.parameters === undefined) {
    return { texts: [...input.texts] };
  }
  const contentType = input.parameters.contentType;
  const prefix = (contentType === 'PASSAGE' ? config.passage_prefix : config.query_prefix) ?? '';
  return { texts: input.texts.map((text) => prefix + text), contentType };
}
