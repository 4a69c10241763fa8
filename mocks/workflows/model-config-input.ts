/**
 * The `model_config` object of both register bodies (`_register` and `_register_meta`), parsed as ML Commons'
 * `TextEmbeddingModelConfig` does, so both endpoints refuse a bad config with the same texts.
 */
import { HttpError } from '../http/errors.ts';
import { isObject, optionalString } from '../http/body.ts';
import type { Profile } from '../profiles/index.ts';
import type { StoredModelConfig } from '../state/types.ts';

const FRAMEWORKS = ['SENTENCE_TRANSFORMERS', 'HUGGINGFACE_TRANSFORMERS', 'HUGGINGFACE_TRANSFORMERS_NEURON'];
const POOLING = ['MEAN', 'MEAN_SQRT_LEN', 'MAX', 'WEIGHTED_MEAN', 'CLS', 'LAST_TOKEN'];

/** `TextEmbeddingModelConfig.parse` + constructor. */
export function parseModelConfig(raw: unknown, profile: Profile): StoredModelConfig {
  if (!isObject(raw)) {
    throw new HttpError('badJson', { detail: 'model_config must be an object' });
  }
  const framework = optionalString(raw, 'framework_type')?.toUpperCase();
  if (framework !== undefined && !FRAMEWORKS.includes(framework)) {
    throw new HttpError('frameworkTypeInvalid');
  }
  const pooling = optionalString(raw, 'pooling_mode')?.toUpperCase();
  const poolingModes = profile.features.poolingModeNone ? [...POOLING, 'NONE'] : POOLING;
  if (pooling !== undefined && !poolingModes.includes(pooling)) {
    throw new HttpError('poolingModeInvalid');
  }
  const modelType = optionalString(raw, 'model_type');
  if (modelType === undefined) {
    throw new HttpError('modelTypeMissing');
  }
  const dimension = toInteger(raw.embedding_dimension);
  if (dimension === undefined) {
    throw new HttpError('embeddingDimensionMissing');
  }
  if (framework === undefined) {
    throw new HttpError('frameworkTypeMissing');
  }
  const config: StoredModelConfig = {
    model_type: modelType,
    embedding_dimension: dimension,
    framework_type: framework,
    normalize_result: raw.normalize_result === true || raw.normalize_result === 'true',
  };
  const allConfig = optionalString(raw, 'all_config');
  if (allConfig !== undefined) {
    config.all_config = allConfig;
  }
  if (isObject(raw.additional_config)) {
    config.additional_config = raw.additional_config;
  }
  if (pooling !== undefined) {
    config.pooling_mode = pooling;
  }
  const maxLength = toInteger(raw.model_max_length);
  if (maxLength !== undefined) {
    config.model_max_length = maxLength;
  }
  // ≤2.12 skips the prefix fields while parsing, so an "asymmetric" card registers as a symmetric model there.
  if (profile.features.parsesPrefixes) {
    const queryPrefix = optionalString(raw, 'query_prefix');
    const passagePrefix = optionalString(raw, 'passage_prefix');
    if (queryPrefix !== undefined) {
      config.query_prefix = queryPrefix;
    }
    if (passagePrefix !== undefined) {
      config.passage_prefix = passagePrefix;
    }
  }
  return config;
}

/** XContent's `intValue()` accepts numbers and numeric strings. */
export function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Math.trunc(value);
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    return Math.trunc(Number(value));
  }
  return undefined;
}
