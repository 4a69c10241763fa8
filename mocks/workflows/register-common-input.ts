/**
 * The fields `_register` and `_register_meta` share, checked in the order both ML Commons inputs
 * (`MLRegisterModelInput`, `MLRegisterModelMetaInput`) check them: function_name, the format enum and model_config
 * while parsing, then the constructor's name and format null checks. What follows the format check differs per
 * endpoint (url or hash, chunk count), so each caller continues from here with its own checks.
 */
import { HttpError } from '../http/errors.ts';
import { optionalString, type JsonObject } from '../http/body.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import type { Profile } from '../profiles/index.ts';
import type { ModelFormat, StoredModelConfig } from '../state/types.ts';
import { parseModelConfig } from './model-config-input.ts';

/** The shared fields of both register bodies once validated. */
export interface RegisterCommonFields {
  readonly name: string;
  readonly description?: string;
  readonly modelGroupId?: string;
  readonly format: ModelFormat;
}

export interface RegisterCommonInput {
  readonly fields: RegisterCommonFields;
  /**
   * Absent when the body has none (or null). Not checked here: on `_register` a missing config only matters with a
   * url, and on `_register_meta` it is refused after the hash.
   */
  readonly modelConfig: StoredModelConfig | undefined;
}

export function parseRegisterCommonInput(body: JsonObject, profile: Profile): RegisterCommonInput {
  const functionName = optionalString(body, 'function_name');
  if (functionName !== undefined && functionName.toUpperCase() !== 'TEXT_EMBEDDING') {
    throw new SimulatorUnsupportedError(`function_name ${functionName} (only TEXT_EMBEDDING models are simulated)`);
  }
  const rawFormat = optionalString(body, 'model_format');
  let format: ModelFormat | undefined;
  if (rawFormat !== undefined) {
    const upper = rawFormat.toUpperCase();
    if (upper !== 'TORCH_SCRIPT' && upper !== 'ONNX') {
      throw new HttpError('modelFormatInvalid');
    }
    format = upper;
  }
  const rawConfig = body.model_config;
  const modelConfig = rawConfig === undefined || rawConfig === null ? undefined : parseModelConfig(rawConfig, profile);

  const name = optionalString(body, 'name');
  if (name === undefined) {
    throw new HttpError('modelNameMissing');
  }
  if (format === undefined) {
    throw new HttpError('modelFormatMissing');
  }
  const description = optionalString(body, 'description');
  const modelGroupId = optionalString(body, 'model_group_id');
  return {
    fields: {
      name,
      format,
      ...(description === undefined ? {} : { description }),
      ...(modelGroupId === undefined ? {} : { modelGroupId }),
    },
    modelConfig,
  };
}
