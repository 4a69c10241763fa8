import { HttpError } from '../http/errors.ts';
import { optionalString, type JsonObject } from '../http/body.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import type { Profile } from '../profiles/index.ts';
import type { ModelFormat, StoredModelConfig } from '../state/types.ts';
import { parseModelConfig, toInteger } from './register-input.ts';

/** A validated `POST /_plugins/_ml/models/_register_meta` body (the first step of a chunked upload). */
export interface RegisterMetaInput {
  readonly name: string;
  readonly description?: string;
  readonly modelGroupId?: string;
  readonly format: ModelFormat;
  readonly hash: string;
  readonly sizeInBytes?: number;
  readonly totalChunks: number;
  readonly modelConfig: StoredModelConfig;
}

/**
 * Mirrors `MLRegisterModelMetaInput.parse` + constructor: enums and model_config fail while parsing, then the null
 * checks run in the constructor's order — name, format, hash, config, total_chunks (observed on 2.19.6 and 3.6.0,
 * one field left out at a time). `version` is ignored: the model takes the group's next version. `total_chunks: 0`
 * is accepted (the model then stays REGISTERING for ever).
 */
export function parseRegisterMetaInput(body: JsonObject, profile: Profile): RegisterMetaInput {
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
  const hash = optionalString(body, 'model_content_hash_value');
  if (hash === undefined) {
    throw new HttpError('modelHashMissing');
  }
  if (config === undefined) {
    throw new HttpError('modelConfigMissing');
  }
  const totalChunks = toInteger(body.total_chunks);
  if (totalChunks === undefined) {
    throw new HttpError('totalChunksMissing');
  }
  const description = optionalString(body, 'description');
  const modelGroupId = optionalString(body, 'model_group_id');
  const size = toInteger(body.model_content_size_in_bytes);
  return {
    name,
    format,
    hash,
    totalChunks,
    modelConfig: config,
    ...(description === undefined ? {} : { description }),
    ...(modelGroupId === undefined ? {} : { modelGroupId }),
    ...(size === undefined ? {} : { sizeInBytes: size }),
  };
}
