import { describe, expect, it } from 'vitest';
import { describeConnectionFailure } from './connection-failure.ts';
import { isIndexNotFound, MlConnectionError, MlHttpError, ResponseSchemaError } from './errors.ts';
import type { Task } from './schemas.ts';
import { ModelStateTimeoutError, TaskFailedError } from './wait-errors.ts';
import { indexNotFound, modelNotFound } from './testing/verified-responses.ts';

const http = (status: number, body: unknown) => new MlHttpError({ status, method: 'GET', path: '/x', body });

describe('MlHttpError', () => {
  it('takes reason and type from the OpenSearch error shape', () => {
    const error = http(404, modelNotFound);
    expect(error.reason).toMatch(/^Failed to find model with the provided model id: /);
    expect(error.type).toBe('status_exception');
    expect(error.message).toMatch(/^GET \/x → 404: Failed to find model/);
  });

  it('prefers `details` of ML Commons ErrorMessage bodies over the generic reason', () => {
    const body = { error: { reason: 'Invalid Request', details: 'Empty text docs', type: 'IllegalArgumentException' } };
    const error = http(400, body);
    expect(error.reason).toBe('Empty text docs');
    expect(error.reasons).toEqual(['Empty text docs', 'Invalid Request']);
  });

  it('collects the caused_by chain, where wrapped inference errors keep the interesting text', () => {
    const body = {
      error: {
        root_cause: [{ type: 'm_l_exception', reason: 'Failed to inference TEXT_EMBEDDING model: m1' }],
        type: 'm_l_exception',
        reason: 'Failed to inference TEXT_EMBEDDING model: m1',
        caused_by: { type: 'illegal_argument_exception', reason: 'The embedding model chosen is asymmetric.' },
      },
      status: 500,
    };
    expect(http(500, body).reasons).toEqual([
      'Failed to inference TEXT_EMBEDDING model: m1',
      'The embedding model chosen is asymmetric.',
    ]);
  });

  it('handles `{"error": "text"}`, plain strings and empty bodies', () => {
    expect(http(503, { error: 'busy' }).reason).toBe('busy');
    expect(http(502, '  Bad Gateway  ').reason).toBe('Bad Gateway');
    expect(http(500, '').message).toBe('GET /x → 500: (empty body)');
    expect(http(500, { unexpected: true }).message).toBe('GET /x → 500: {"unexpected":true}');
  });

  it('truncates huge bodies in the message', () => {
    const error = http(500, { blob: 'x'.repeat(10_000) });
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('isIndexNotFound', () => {
  it('recognises a missing index and nothing else', () => {
    expect(isIndexNotFound(http(404, indexNotFound))).toBe(true);
    expect(isIndexNotFound(http(404, modelNotFound))).toBe(false);
    expect(isIndexNotFound(http(400, indexNotFound))).toBe(false);
    expect(isIndexNotFound(new Error('no such index'))).toBe(false);
  });
});

describe('ResponseSchemaError', () => {
  it('lists at most three issues and counts the rest', () => {
    const issues = ['a', 'b', 'c', 'd'].map((path) => ({ path, message: 'bad', value: '1' }));
    const error = new ResponseSchemaError('GET /y', issues, {});
    expect(error.message).toBe(
      'Unexpected response from GET /y: a: bad (got 1); b: bad (got 1); c: bad (got 1); and 1 more',
    );
  });
});

describe('describeConnectionFailure', () => {
  it.each([
    ['ConnectionError', 'connect ECONNREFUSED 127.0.0.1:9200', 'refused', /is the cluster running/],
    ['ConnectionError', 'getaddrinfo ENOTFOUND opensearch', 'dns', /does not resolve/],
    ['ConnectionError', 'self-signed certificate', 'tls', /OPENSEARCH_CA_FILE/],
    ['ConnectionError', 'unable to verify the first certificate', 'tls', /OPENSEARCH_CA_FILE/],
    [
      'ConnectionError',
      'write EPROTO 1234:error:0A00010B:SSL routines::wrong version number',
      'tls',
      /http:\/\/ vs https/,
    ],
    ['ConnectionError', 'socket hang up', 'reset', /https:\/\//],
    ['TimeoutError', 'Request timed out', 'timeout', /no answer within 1000 ms/],
    ['ConnectionError', 'something odd', 'other', /unexpected ConnectionError/],
  ])('%s "%s" → %s', (name, message, kind, hint) => {
    const failure = describeConnectionFailure(name, message, 1000);
    expect(failure.kind).toBe(kind);
    expect(failure.hint).toMatch(hint);
    expect(failure.detail).toBe(message);
  });
});

describe('the request an error names (what reports show next to a failure)', () => {
  it('is method, path and status for HTTP errors, without status when no answer came', () => {
    expect(http(400, { error: 'no' }).request).toEqual({ method: 'GET', path: '/x', status: 400 });
    const refused = new MlConnectionError({
      method: 'POST',
      url: 'https://127.0.0.1:9200/_plugins/_ml/models/_register?deploy=true',
      kind: 'refused',
      detail: 'connect ECONNREFUSED',
      hint: 'is the cluster running?',
    });
    expect(refused.request).toEqual({ method: 'POST', path: '/_plugins/_ml/models/_register?deploy=true' });
  });

  it('is the poll for task and model waits', () => {
    const task = { state: 'FAILED', task_type: 'DEPLOY_MODEL', error: 'boom' } as Task;
    expect(new TaskFailedError('t/1', task, []).request).toEqual({
      method: 'GET',
      path: '/_plugins/_ml/tasks/t%2F1',
      status: 200,
    });
    expect(new ModelStateTimeoutError('m1', ['DEPLOYED'], 10, [], undefined).request).toEqual({
      method: 'GET',
      path: '/_plugins/_ml/models/m1',
    });
  });
});
