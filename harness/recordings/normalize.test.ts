import { describe, expect, it } from 'vitest';
import { normalizeExchange, Placeholders } from './normalize.ts';

describe('normalizeExchange', () => {
  const placeholders = new Placeholders();
  placeholders.add('abc', 'model:x');
  placeholders.add('abcdef', 'task:x');
  placeholders.add(undefined, 'ignored');
  placeholders.add('', 'ignored');
  placeholders.add('abc', 'model:again');

  it('replaces learned ids (longest first) in the path, keys and strings', () => {
    const normalized = normalizeExchange(
      {
        step: 's',
        request: { method: 'GET', path: '/_plugins/_ml/tasks/abcdef' },
        status: 200,
        body: { model_id: 'abc', task: 'abcdef', stats: { abc: 'undeployed' }, nested: ['abc-1'] },
      },
      placeholders,
    );
    expect(normalized).toEqual({
      step: 's',
      method: 'GET',
      path: '/_plugins/_ml/tasks/{task:x}',
      status: 200,
      body: { model_id: '{model:x}', nested: ['{model:x}-1'], stats: { '{model:x}': 'undeployed' }, task: '{task:x}' },
    });
    expect(Object.keys(normalized.body as object)).toEqual(['model_id', 'nested', 'stats', 'task']);
  });

  it('replaces timestamps but keeps every other number, embedding values included', () => {
    const data = [0.25, -0.5, 0.125];
    const normalized = normalizeExchange(
      {
        step: 's',
        request: { method: 'POST', path: '/p' },
        status: 200,
        body: {
          create_time: 1_700_000_000_000,
          last_deployed_time: 1_700_000_000_001,
          total_chunks: 1,
          inference_results: [{ output: [{ name: 'sentence_embedding', shape: [3], data }] }],
          flag: null,
        },
      },
      new Placeholders(),
    );
    expect(normalized.body).toEqual({
      create_time: '<timestamp>',
      flag: null,
      inference_results: [{ output: [{ data, name: 'sentence_embedding', shape: [3] }] }],
      last_deployed_time: '<timestamp>',
      total_chunks: 1,
    });
  });
});
