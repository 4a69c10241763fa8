/**
 * Typed facade over @huggingface/tokenizers. Its bundled declarations use extension-less relative imports, which
 * `moduleResolution: nodenext` cannot follow, so every export arrives as `any`; this file states the small part
 * of the API the harness uses (checked against tokenizers 0.2.0 `types/core/Tokenizer.d.ts`).
 */
import * as hf from '@huggingface/tokenizers';

export interface HfEncoding {
  readonly ids: number[];
  readonly tokens: string[];
  readonly attention_mask: number[];
  readonly token_type_ids?: number[];
}

export interface HfPostProcessor {
  post_process(
    tokens: string[],
    tokensPair: string[] | null,
    addSpecialTokens: boolean,
  ): {
    tokens: string[];
    token_type_ids?: number[];
  };
}

export interface HfTokenizer {
  readonly post_processor: HfPostProcessor | null;
  encode(text: string, options: { add_special_tokens: boolean; return_token_type_ids: boolean }): HfEncoding;
  tokenize(text: string, options: { add_special_tokens: boolean }): string[];
  decode(ids: number[], options: { skip_special_tokens: boolean }): string;
}

type HfTokenizerConstructor = new (tokenizerJson: object, tokenizerConfig: object) => HfTokenizer;

export function createHfTokenizer(tokenizerJson: object, tokenizerConfig: object): HfTokenizer {
  const Tokenizer = hf.Tokenizer as unknown as HfTokenizerConstructor;
  return new Tokenizer(tokenizerJson, tokenizerConfig);
}
