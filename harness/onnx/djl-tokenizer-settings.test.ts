/**
 * createDjlTokenizer's helpers and the tokenizer.json settings it accepts beside the common BERT layout.
 */
import { describe, expect, it } from 'vitest';
import { createDjlTokenizer } from './djl-tokenizer.ts';
import { wordLevelTokenizerJson as tokenizerJson } from './testing/word-level-tokenizer.ts';

const LONG_TEXT = 'the water is very long, the water';

describe('createDjlTokenizer helpers', () => {
  it('counts tokens before truncation, special tokens included', () => {
    expect(createDjlTokenizer(tokenizerJson()).countTokens(LONG_TEXT)).toBe(10);
  });

  it('tokenizes without special tokens and without truncation', () => {
    const { tokens, ids } = createDjlTokenizer(tokenizerJson()).tokenize(LONG_TEXT);
    expect(tokens).toEqual(['the', 'water', 'is', 'very', 'long', ',', 'the', 'water']);
    expect(ids).toEqual([4, 5, 6, 7, 8, 9, 4, 5]);
  });

  it('decodes ids without the special tokens', () => {
    expect(createDjlTokenizer(tokenizerJson()).decode([2, 4, 5, 3])).toBe('the water');
  });
});

describe('createDjlTokenizer settings', () => {
  it('truncates a tokenizer without post-processor to max_length text tokens', () => {
    const tokenizer = createDjlTokenizer(tokenizerJson({ post_processor: null }));
    expect(tokenizer.encode(LONG_TEXT)).toEqual({
      ids: [4, 5, 6, 7, 8, 9],
      attentionMask: [1, 1, 1, 1, 1, 1],
      typeIds: [0, 0, 0, 0, 0, 0],
      truncated: true,
    });
  });

  it('keeps the type ids of the post-processor template, also after truncation', () => {
    const json = tokenizerJson();
    const template = json.post_processor as { single: { SpecialToken?: { type_id: number } }[] };
    // `[CLS] $A [SEP]` with the [SEP] in segment 1, as a pair-trained template might put it.
    const sep = template.single[2]?.SpecialToken;
    if (sep) {
      sep.type_id = 1;
    }
    const tokenizer = createDjlTokenizer(json);
    expect(tokenizer.encode('the water').typeIds).toEqual([0, 0, 0, 1]);
    expect(tokenizer.encode(LONG_TEXT).typeIds).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('treats an absent truncation block like a null one', () => {
    const { truncation: _, ...json } = tokenizerJson();
    expect(createDjlTokenizer(json).maxLength).toBe(512);
  });

  it('accepts OnlyFirst and a truncation without direction', () => {
    const tokenizer = createDjlTokenizer(tokenizerJson({ truncation: { strategy: 'OnlyFirst', max_length: 4 } }));
    expect(tokenizer.maxLength).toBe(4);
    expect(tokenizer.encode(LONG_TEXT).ids).toEqual([2, 4, 5, 3]);
  });

  it.for([
    ['a non-string strategy', { strategy: 3, max_length: 8 }, 'strategy 3'],
    ['a fractional max_length', { strategy: 'LongestFirst', max_length: 8.5 }, 'max_length 8.5'],
    ['a zero max_length', { strategy: 'LongestFirst', max_length: 0 }, 'max_length 0'],
    ['a text max_length', { strategy: 'LongestFirst', max_length: '8' }, 'max_length "8"'],
  ] as const)('refuses %s', ([, truncation, detail]) => {
    expect(() => createDjlTokenizer(tokenizerJson({ truncation }))).toThrowError(
      `unsupported tokenizer truncation setting: ${detail}`,
    );
  });

  it('accepts a tokenizer.json without padding block', () => {
    const { padding: _, ...json } = tokenizerJson();
    expect(createDjlTokenizer(json).encode('the').ids).toEqual([2, 4, 3]);
  });

  it('accepts padding without pad_to_multiple_of, or with it null', () => {
    for (const padding of [{ strategy: 'BatchLongest' }, { strategy: 'BatchLongest', pad_to_multiple_of: null }]) {
      expect(createDjlTokenizer(tokenizerJson({ padding })).encode('the').ids).toEqual([2, 4, 3]);
    }
  });
});
