/**
 * `tokenizer.json` applied the way ML Commons' DJL tokenizer applies it to one text: special tokens added,
 * truncation as configured, no padding. @huggingface/tokenizers does not truncate, so truncation is replayed here
 * exactly like the Rust crate does it: the text's tokens are cut to `max_length - added special tokens`, then the
 * post-processor template adds the special tokens back.
 *
 * DJL details (deepjavalibrary/djl `HuggingFaceTokenizer`, built with options by ML Commons): the max length is
 * tokenizer.json's `truncation.max_length` capped at `modelMaxLength` = 512. Without a `truncation` block DJL ≥ 0.28
 * (ml-commons ≥ 2.15) still truncates at 512, DJL 0.21 (≤ 2.14) does not; this follows the current behaviour.
 * Padding is forced to "longest", a no-op for one text unless `pad_to_multiple_of` is set.
 */
import { createHfTokenizer } from './hf-tokenizer.ts';

export interface EncodedText {
  readonly ids: readonly number[];
  readonly attentionMask: readonly number[];
  readonly typeIds: readonly number[];
  /** True when truncation removed tokens. */
  readonly truncated: boolean;
}

export interface DjlTokenizer {
  /** Effective maximum sequence length, special tokens included. */
  readonly maxLength: number;
  encode(text: string): EncodedText;
  /** Tokens of the text before truncation, special tokens included (what `exceeds_max_length` is about). */
  countTokens(text: string): number;
  /** The text's own tokens and their ids, no special tokens, no truncation. */
  tokenize(text: string): { readonly tokens: readonly string[]; readonly ids: readonly number[] };
  /** Ids back to text (the tokenizer's decoder; special tokens removed where the library knows them). */
  decode(ids: readonly number[]): string;
}

const DJL_MODEL_MAX_LENGTH = 512;
const SUPPORTED_STRATEGIES = ['LongestFirst', 'OnlyFirst'];

export function createDjlTokenizer(tokenizerJson: Record<string, unknown>): DjlTokenizer {
  const maxLength = effectiveMaxLength(tokenizerJson);
  rejectPaddingToMultiple(tokenizerJson.padding);
  const tokenizer = createHfTokenizer(tokenizerJson, tokenizerConfig(tokenizerJson));

  return {
    maxLength,
    countTokens: (text) =>
      tokenizer.encode(text, { add_special_tokens: true, return_token_type_ids: false }).ids.length,
    tokenize: (text) => tokenizer.encode(text, { add_special_tokens: false, return_token_type_ids: false }),
    decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: true }),
    encode(text) {
      const full = tokenizer.encode(text, { add_special_tokens: true, return_token_type_ids: true });
      if (full.ids.length <= maxLength) {
        return {
          ids: full.ids,
          attentionMask: full.attention_mask,
          typeIds: full.token_type_ids ?? full.ids.map(() => 0),
          truncated: false,
        };
      }
      const textTokens = tokenizer.tokenize(text, { add_special_tokens: false });
      const added = full.tokens.length - textTokens.length;
      if (added >= maxLength) {
        throw new Error(`tokenizer.json: max_length ${maxLength} leaves no room next to ${added} special tokens`);
      }
      const kept = textTokens.slice(0, maxLength - added);
      const processed = tokenizer.post_processor
        ? tokenizer.post_processor.post_process(kept, null, true)
        : { tokens: kept, token_type_ids: undefined };
      // Every token of the truncated encoding also occurs in the full one, which already knows its id
      // (including the unknown-token fallback the JS library applies only inside `encode`).
      const idOf = new Map(full.tokens.map((token, index) => [token, full.ids[index]]));
      const ids = processed.tokens.map((token) => {
        const id = idOf.get(token);
        if (id === undefined) {
          throw new Error(`tokenizer: no id for token ${JSON.stringify(token)} after truncation`);
        }
        return id;
      });
      return {
        ids,
        attentionMask: ids.map(() => 1),
        typeIds: processed.token_type_ids ?? ids.map(() => 0),
        truncated: true,
      };
    },
  };
}

function effectiveMaxLength(json: Record<string, unknown>): number {
  const truncation = json.truncation as Record<string, unknown> | null | undefined;
  if (truncation === null || truncation === undefined) {
    return DJL_MODEL_MAX_LENGTH;
  }
  const { max_length: maxLength, strategy, direction } = truncation;
  if (typeof strategy !== 'string' || !SUPPORTED_STRATEGIES.includes(strategy)) {
    throw new Error(`unsupported tokenizer truncation setting: strategy ${JSON.stringify(strategy)}`);
  }
  if (direction !== undefined && direction !== 'Right') {
    throw new Error(`unsupported tokenizer truncation setting: direction ${JSON.stringify(direction)}`);
  }
  if (typeof maxLength !== 'number' || !Number.isInteger(maxLength) || maxLength <= 0) {
    throw new Error(`unsupported tokenizer truncation setting: max_length ${JSON.stringify(maxLength)}`);
  }
  return Math.min(maxLength, DJL_MODEL_MAX_LENGTH);
}

function rejectPaddingToMultiple(padding: unknown): void {
  if (padding !== null && typeof padding === 'object') {
    const multiple = (padding as Record<string, unknown>).pad_to_multiple_of;
    if (multiple !== null && multiple !== undefined) {
      throw new Error(`unsupported tokenizer padding setting: pad_to_multiple_of ${JSON.stringify(multiple)}`);
    }
  }
}

// The JS library maps WordLevel vocabularies through its "Legacy" model, which only finds the unknown token when
// the config names it; the Rust WordLevel model reads it from tokenizer.json.
function tokenizerConfig(json: Record<string, unknown>): Record<string, unknown> {
  const model = json.model as Record<string, unknown> | undefined;
  return model?.type === 'WordLevel' && typeof model.unk_token === 'string' ? { unk_token: model.unk_token } : {};
}
