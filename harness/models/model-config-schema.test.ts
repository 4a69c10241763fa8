/** `all_config` must be a JSON object encoded as a string, as ML Commons parses it. */
import { describe, expect, it } from 'vitest';
import { modelConfigSchema } from './model-config-schema.ts';
import { parseWithIssues } from './zod-issues.ts';

const BASE = { embedding_dimension: 4, framework_type: 'sentence_transformers' };

function allConfigIssues(allConfig: string): string[] {
  const result = parseWithIssues(modelConfigSchema, { ...BASE, all_config: allConfig }, 'card.yaml');
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.reason}`);
}

describe('model_config.all_config', () => {
  it('accepts a JSON object', () => {
    expect(allConfigIssues('{"model_type": "bert"}')).toEqual([]);
  });

  it('refuses JSON that is not an object, and text that is not JSON', () => {
    for (const value of ['[1]', 'null', '"text"', '3']) {
      expect(allConfigIssues(value)).toEqual(['all_config: must be a JSON object encoded as a string']);
    }
    const [issue] = allConfigIssues('{bert}');
    expect(issue).toMatch(/^all_config: not valid JSON \(.+\)$/);
  });
});
