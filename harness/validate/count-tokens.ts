/**
 * `ml-conformance tokens <card> "<text>"`: how many tokens ML Commons' tokenizer makes of a text for this card
 * (its prefix applied for a content type) and what is left after truncation — to decide whether a probe needs
 * `exceeds_max_length: true`.
 */
import { extractZipEntries } from '../artifacts/zip-entries.ts';
import { createDjlTokenizer } from '../onnx/djl-tokenizer.ts';
import type { ModelConfig } from '../models/model-config-schema.ts';

export interface TokenCount {
  /** The text as ML Commons tokenizes it (prefix included). */
  readonly text: string;
  /** Tokens before truncation, special tokens included. */
  readonly count: number;
  /** What the tokenizer keeps. */
  readonly maxLength: number;
  readonly truncated: boolean;
  /** The kept tokens decoded back to text (special tokens dropped). */
  readonly keptText: string;
}

export function countTokens(
  zipPath: string,
  modelConfig: Pick<ModelConfig, 'query_prefix' | 'passage_prefix'>,
  text: string,
  contentType?: 'query' | 'passage',
): TokenCount {
  const bytes = extractZipEntries(zipPath, (name) => name === 'tokenizer.json').get('tokenizer.json');
  if (bytes === undefined) {
    throw new Error(`${zipPath}: no tokenizer.json at the zip root`);
  }
  const tokenizer = createDjlTokenizer(JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>);
  const prefix =
    contentType === 'query' ? modelConfig.query_prefix : contentType === 'passage' ? modelConfig.passage_prefix : '';
  const full = `${prefix ?? ''}${text}`;
  const encoded = tokenizer.encode(full);
  const count = tokenizer.countTokens(full);
  // The text's own ids without special tokens; truncation keeps their first (kept - special tokens) ones.
  const own = tokenizer.tokenize(full).ids;
  const kept = own.slice(0, encoded.ids.length - (count - own.length));
  return {
    text: full,
    count,
    maxLength: tokenizer.maxLength,
    truncated: encoded.truncated,
    keptText: tokenizer.decode(kept),
  };
}
