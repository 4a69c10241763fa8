import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ResponseSchemaError } from './errors.ts';
import { parseResponse } from './parse-response.ts';
import { predictResponseSchema } from './predict-schema.ts';
import { taskSchema } from './schemas.ts';
import { formatJsonPath, preview, redactUrl } from './text.ts';
import * as real from './testing/verified-responses.ts';

const ENDPOINT = 'POST /_plugins/_ml/_predict/text_embedding/{model_id}';

function schemaError(run: () => unknown): ResponseSchemaError {
  try {
    run();
  } catch (error) {
    if (error instanceof ResponseSchemaError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ResponseSchemaError');
}

describe('parseResponse', () => {
  it('accepts the verified bodies and keeps unknown fields', () => {
    const task = parseResponse(taskSchema, { ...real.registerTaskCompleted, new_field: 1 }, 'GET /task');
    expect(task.state).toBe('COMPLETED');
    expect(task).toHaveProperty('new_field', 1);
    expect(
      parseResponse(predictResponseSchema, real.predict, ENDPOINT).inference_results[0]?.output?.[0]?.shape,
    ).toEqual([4]);
  });

  it('names the endpoint, the JSON path and the offending value', () => {
    const tensor = real.predict.inference_results[0]?.output[0];
    const body = { inference_results: [{ output: [{ ...tensor, shape: ['32'] }] }] };
    const error = schemaError(() => parseResponse(predictResponseSchema, body, ENDPOINT));

    expect(error.endpoint).toBe(ENDPOINT);
    expect(error.issues).toEqual([
      {
        path: 'inference_results[0].output[0].shape[0]',
        message: expect.stringMatching(/number/) as string,
        value: '"32"',
      },
    ]);
    expect(error.message).toContain(`Unexpected response from ${ENDPOINT}: inference_results[0].output[0].shape[0]`);
    expect(error.message).toContain('(got "32")');
    expect(error.body).toBe(body);
  });

  it('reports a missing field as (missing) and an unknown task state by value', () => {
    const missing = schemaError(() => parseResponse(taskSchema, { model_id: 'x' }, 'GET /task'));
    expect(missing.issues[0]).toMatchObject({ path: 'state', value: '(missing)' });

    const unknown = schemaError(() => parseResponse(taskSchema, { state: 'EXPLODED' }, 'GET /task'));
    expect(unknown.message).toMatch(/state: .* \(got "EXPLODED"\)/);
  });

  it('truncates long offending values', () => {
    const schema = z.looseObject({ data: z.array(z.number()) });
    const error = schemaError(() => parseResponse(schema, { data: 'x'.repeat(5000) }, 'GET /big'));
    expect(error.issues[0]?.value.length).toBeLessThanOrEqual(120);
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('text helpers', () => {
  it('formats paths with indices, identifiers and odd keys', () => {
    expect(formatJsonPath(['inference_results', 0, 'output', 1, 'data'])).toBe('inference_results[0].output[1].data');
    expect(formatJsonPath(['nodes', 'n-1', 'models'])).toBe('nodes["n-1"].models');
    expect(formatJsonPath([])).toBe('(root)');
  });

  it('previews values of any kind', () => {
    expect(preview(undefined)).toBe('(missing)');
    expect(preview(10n)).toBe('10');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(preview(cyclic)).toBe('[object Object]');
  });

  it('redacts user info from URLs', () => {
    expect(redactUrl('https://admin:pw@host:9200/')).toBe('https://host:9200');
    expect(redactUrl('not a url://a:b@c')).toBe('not a url://c');
  });
});
