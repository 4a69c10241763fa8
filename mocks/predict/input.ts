import { HttpError } from '../http/errors.ts';
import { isObject, type JsonObject } from '../http/body.ts';
import type { Profile } from '../profiles/index.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';

export type ContentType = 'QUERY' | 'PASSAGE';

/** A parsed `TextDocsMLInput` predict body. */
export interface PredictInput {
  readonly texts: readonly string[];
  /** `undefined` = no filter (every tensor); a list = only tensors with these names. */
  readonly targetResponse?: readonly string[];
  readonly returnNumber: boolean;
  /**
   * `AsymmetricTextEmbeddingParameters` as the emulated line sees it: `undefined` when no `parameters` object was
   * sent or the line ignores it (2.13); a missing content_type inside `parameters` means QUERY.
   */
  readonly parameters?: { readonly contentType: ContentType };
}

/**
 * Mirrors `TextDocsMLInput` parsing: empty or missing `text_docs` → "Empty text docs"; `parameters` only from 2.14
 * on, with `content_type` upper-cased into an enum (an unknown value fails like `Enum.valueOf`).
 */
export function parsePredictInput(body: JsonObject, profile: Profile): PredictInput {
  const docs = body.text_docs;
  if (docs !== undefined && docs !== null && !Array.isArray(docs)) {
    throw new HttpError('badJson', { detail: 'text_docs must be an array' });
  }
  const texts = (docs ?? []).map((doc: unknown) => (typeof doc === 'string' ? doc : JSON.stringify(doc)));
  if (texts.length === 0) {
    throw new HttpError('emptyTextDocs');
  }
  if (body.return_bytes === true) {
    throw new SimulatorUnsupportedError('return_bytes (byte_buffer tensors)');
  }
  let targetResponse: string[] | undefined;
  if (Array.isArray(body.target_response) && body.target_response.length > 0) {
    targetResponse = body.target_response.map((name: unknown) => String(name));
  }
  let parameters: PredictInput['parameters'];
  if (profile.features.parsesPredictParameters && isObject(body.parameters)) {
    parameters = { contentType: parseContentType(body.parameters) };
  }
  return {
    texts,
    returnNumber: body.return_number !== false,
    ...(targetResponse === undefined ? {} : { targetResponse }),
    ...(parameters === undefined ? {} : { parameters }),
  };
}

function parseContentType(parameters: JsonObject): ContentType {
  const raw = parameters.content_type;
  if (raw === undefined || raw === null) {
    return 'QUERY';
  }
  const value = (typeof raw === 'string' ? raw : JSON.stringify(raw)).toUpperCase();
  if (value !== 'QUERY' && value !== 'PASSAGE') {
    throw new HttpError('contentTypeInvalid', { value });
  }
  return value;
}
