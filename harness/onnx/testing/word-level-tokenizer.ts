/** Tokenizer test data shared by the tokenizer and reference tests. */

/** A tiny WordLevel BERT-style tokenizer.json: `[CLS] $A [SEP]`, lowercase, whitespace/punctuation split. */
export function wordLevelTokenizerJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
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
