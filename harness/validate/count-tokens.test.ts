import { describe, expect, it } from 'vitest';
import { resolveFromRepo } from '../models/repo-paths.ts';
import { countTokens } from './count-tokens.ts';

const SYM = resolveFromRepo('fixtures/models/tiny-onnx-sym/model.zip');
const ASYM = resolveFromRepo('fixtures/models/tiny-onnx-asym/model.zip');

describe('countTokens', () => {
  it('counts special tokens and keeps a short text whole', () => {
    expect(countTokens(SYM, {}, 'the water is very long')).toEqual({
      text: 'the water is very long',
      count: 7,
      maxLength: 64,
      truncated: false,
      keptText: 'the water is very long',
    });
  });

  it('shows what truncation keeps of a long text', () => {
    const text = Array.from({ length: 70 }, (_, i) => (i % 2 === 0 ? 'water' : 'river')).join(' ');
    const result = countTokens(SYM, {}, text);
    expect(result.count).toBe(72);
    expect(result.truncated).toBe(true);
    expect(result.keptText.split(' ')).toHaveLength(62);
  });

  it('applies the prefix of the content type', () => {
    const config = { query_prefix: 'query: ', passage_prefix: 'passage: ' };
    expect(countTokens(ASYM, config, 'the water', 'query')).toMatchObject({ text: 'query: the water', count: 6 });
    expect(countTokens(ASYM, config, 'the water', 'passage').keptText).toBe('passage : the water');
  });
});
