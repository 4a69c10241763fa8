import { HttpError } from '../http/errors.ts';
import { optionalString, type JsonObject } from '../http/body.ts';
import type { Profile } from '../profiles/index.ts';
import type { StoredModelConfig } from '../state/types.ts';
import { toInteger } from './model-config-input.ts';
import { parseRegisterCommonInput, type RegisterCommonFields } from './register-common-input.ts';

/** A validated `POST /_plugins/_ml/models/_register_meta` body (the first step of a chunked upload). */
export interface RegisterMetaInput extends RegisterCommonFields {
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
  const { fields, modelConfig: config } = parseRegisterCommonInput(body, profile);
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
  const size = toInteger(body.model_content_size_in_bytes);
  return {
    ...fields,
    hash,
    totalChunks,
    modelConfig: config,
    ...(size === undefined ? {} : { sizeInBytes: size }),
  };
}
