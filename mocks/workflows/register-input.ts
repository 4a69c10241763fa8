import { HttpError } from '../http/errors.ts';
import { isObject, optionalString, type JsonObject } from '../http/body.ts';
import type { Profile } from '../profiles/index.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import type { ModelFormat, StoredModelConfig } from '../state/types.ts';

/** A validated `POST /_plugins/_ml/models/_register` body for a URL-registered text-embedding model. */
export interface RegisterInput {
  readonly name: string;
  readonly description?: string;
  readonly modelGroupId?: string;
  readonly format: ModelFormat;
  readonly url: string;
  readonly hash?: string;
  readonly modelConfig: StoredModelConfig;
}

const FRAMEWORKS = ['SENTENCE_TRANSFORMERS', 'HUGGINGFACE_TRANSFORMERS', 'HUGGINGFACE_TRANSFORMERS_NEURON'];
const POOLING = ['MEAN', 'MEAN_SQRT_LEN', 'MAX', 'WEIGHTED_MEAN', 'CLS', 'LAST_TOKEN'];
const ACCESS_FIELDS = ['access_mode', 'backend_roles', 'add_all_backend_roles'];

/**
 * Mirrors `MLRegisterModelInput.parse` + constructor: enum values are checked while parsing (so they fail before
 * the null checks), then name → format → config presence; `TextEmbeddingModelConfig` checks model_type,
 * embedding_dimension, framework_type in that order. Unknown keys are skipped, like ML Commons' `skipChildren()`.
 */
export function parseRegisterInput(body: JsonObject, profile: Profile): RegisterInput {
  const functionName = optionalString(body, 'function_name');
  if (functionName !== undefined && functionName.toUpperCase() !== 'TEXT_EMBEDDING') {
    throw new SimulatorUnsupportedError(`function_name ${functionName} (only TEXT_EMBEDDING models are simulated)`);
  }
  const rawFormat = optionalString(body, 'model_format');
  let format: ModelFormat | undefined;
  if (rawFormat !== undefined) {
    const upper = rawFormat.toUpperCase();
    if (upper !== 'TORCH_SCRIPT' && upper !== 'ONNX') {
      throw new HttpError('modelFormatInvalid', { value: rawFormat });
    }
    format = upper;
  }
  const rawConfig = body.model_config;
  const config = rawConfig === undefined || rawConfig === null ? undefined : parseModelConfig(rawConfig, profile);

  const name = optionalString(body, 'name');
  if (name === undefined) {
    throw new HttpError('modelNameMissing');
  }
  if (format === undefined) {
    throw new HttpError('modelFormatMissing');
  }
  const url = optionalString(body, 'url');
  if (url !== undefined && config === undefined) {
    throw new HttpError('modelConfigMissing');
  }
  if (url === undefined || config === undefined) {
    throw new SimulatorUnsupportedError('registration without a url (pre-trained models, chunk upload)');
  }
  if (ACCESS_FIELDS.some((field) => body[field] !== undefined)) {
    // The simulated cluster runs without the security plugin, where ML Commons refuses access parameters.
    throw new HttpError('accessControlDisabled');
  }
  const description = optionalString(body, 'description');
  const modelGroupId = optionalString(body, 'model_group_id');
  const hash = optionalString(body, 'model_content_hash_value');
  return {
    name,
    format,
    url,
    modelConfig: config,
    ...(description === undefined ? {} : { description }),
    ...(modelGroupId === undefined ? {} : { modelGroupId }),
    ...(hash === undefined ? {} : { hash }),
  };
}

/** `TextEmbeddingModelConfig.parse` + constructor; also used by the chunked-upload meta request. */
export function parseModelConfig(raw: unknown, profile: Profile): StoredModelConfig {
  if (!isObject(raw)) {
    throw new HttpError('badJson', { detail: 'model_config must be an object' });
  }
  const framework = optionalString(raw, 'framework_type')?.toUpperCase();
  if (framework !== undefined && !FRAMEWORKS.includes(framework)) {
    throw new HttpError('frameworkTypeInvalid', { value: framework });
  }
  const pooling = optionalString(raw, 'pooling_mode')?.toUpperCase();
  const poolingModes = profile.features.poolingModeNone ? [...POOLING, 'NONE'] : POOLING;
  if (pooling !== undefined && !poolingModes.includes(pooling)) {
    throw new HttpError('poolingModeInvalid', { value: pooling });
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
