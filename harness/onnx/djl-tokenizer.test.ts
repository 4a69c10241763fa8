import { describe, expect, it } from 'vitest';
import { createDjlTokenizer } from './djl-tokenizer.ts';
import { wordLevelTokenizerJson as tokenizerJson } from './testing/word-level-tokenizer.ts';

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
