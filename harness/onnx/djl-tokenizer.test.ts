import { describe, expect, it } from 'vitest';
import { createDjlTokenizer } from './djl-tokenizer.ts';

/** A tiny WordLevel BERT-style tokenizer.json: `[CLS] $A [SEP]`, lowercase, whitespace/punctuation split. */
function tokenizerJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const vocab = Object.fromEntries(
    ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'the', 'water', 'is', 'very', 'long', ','].map((token, id) => [token, id]),
  );
  return {
    version: '1.0',
    truncation: { direction: 'Right', max_length: 6, strategy: 'LongestFirst', stride: 0 },
    padding: null,
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]'].map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: null,
    model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
    ...overrides,
  };
}

describe('createDjlTokenizer', () => {
  it('adds the template special tokens and maps unknown words to the unknown token', () => {
    expect(createDjlTokenizer(tokenizerJson()).encode('The zebra')).toEqual({
      ids: [2, 4, 1, 3],
      attentionMask: [1, 1, 1, 1],
      typeIds: [0, 0, 0, 0],
      truncated: false,
    });
  });

  it('cuts the text tokens at max_length and keeps the special tokens', () => {
    const encoded = createDjlTokenizer(tokenizerJson()).encode('the water is very long, the water');
    expect(encoded).toEqual({
      ids: [2, 4, 5, 6, 7, 3],
      attentionMask: [1, 1, 1, 1, 1, 1],
      typeIds: [0, 0, 0, 0, 0, 0],
      truncated: true,
    });
  });

  it('keeps a text that fits exactly', () => {
    expect(createDjlTokenizer(tokenizerJson()).encode('the water is very').truncated).toBe(false);
  });

  it('caps max_length at DJL modelMaxLength 512 and truncates at 512 when tokenizer.json has no truncation', () => {
    expect(
      createDjlTokenizer(tokenizerJson({ truncation: { strategy: 'OnlyFirst', max_length: 4096 } })).maxLength,
    ).toBe(512);
    const tokenizer = createDjlTokenizer(tokenizerJson({ truncation: null }));
    expect(tokenizer.maxLength).toBe(512);
    expect(tokenizer.encode(Array.from({ length: 600 }, () => 'water').join(' ')).ids).toHaveLength(512);
  });

  it.for([
    [
      'strategy OnlySecond',
      { truncation: { strategy: 'OnlySecond', max_length: 8, direction: 'Right' } },
      'unsupported tokenizer truncation setting: strategy "OnlySecond"',
    ],
    [
      'left truncation',
      { truncation: { strategy: 'LongestFirst', max_length: 8, direction: 'Left' } },
      'unsupported tokenizer truncation setting: direction "Left"',
    ],
    [
      'a missing max_length',
      { truncation: { strategy: 'LongestFirst' } },
      'unsupported tokenizer truncation setting: max_length undefined',
    ],
    [
      'pad_to_multiple_of',
      { padding: { strategy: 'BatchLongest', pad_to_multiple_of: 8 } },
      'unsupported tokenizer padding setting: pad_to_multiple_of 8',
    ],
  ] as const)('refuses %s', ([, overrides, message]) => {
    expect(() => createDjlTokenizer(tokenizerJson(overrides))).toThrowError(message);
  });

  it('explains a max_length too small for the special tokens', () => {
    const tokenizer = createDjlTokenizer(tokenizerJson({ truncation: { strategy: 'LongestFirst', max_length: 2 } }));
    expect(() => tokenizer.encode('the water')).toThrowError('max_length 2 leaves no room next to 2 special tokens');
  });
});
