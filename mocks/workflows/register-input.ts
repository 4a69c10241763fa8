import { HttpError } from '../http/errors.ts';
import { optionalString, type JsonObject } from '../http/body.ts';
import type { Profile } from '../profiles/index.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import type { StoredModelConfig } from '../state/types.ts';
import { parseRegisterCommonInput, type RegisterCommonFields } from './register-common-input.ts';

/** A validated `POST /_plugins/_ml/models/_register` body for a URL-registered text-embedding model. */
export interface RegisterInput extends RegisterCommonFields {
  readonly url: string;
  readonly hash?: string;
  readonly modelConfig: StoredModelConfig;
}

const ACCESS_FIELDS = ['access_mode', 'backend_roles', 'add_all_backend_roles'];

/**
 * Mirrors `MLRegisterModelInput.parse` + constructor: enum values are checked while parsing (so they fail before
 * the null checks), then name → format → config presence; `TextEmbeddingModelConfig` checks model_type,
 * embedding_dimension, framework_type in that order. Unknown keys are skipped, like ML Commons' `skipChildren()`.
 */
export function parseRegisterInput(body: JsonObject, profile: Profile): RegisterInput {
  const { fields, modelConfig: config } = parseRegisterCommonInput(body, profile);
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
  const hash = optionalString(body, 'model_content_hash_value');
  return { ...fields, url, modelConfig: config, ...(hash === undefined ? {} : { hash }) };
}
