/** What each ML client error carries besides its message: name, code, the request, the parsed error body. */
import { describe, expect, it } from 'vitest';
import {
  isIndexNotFound,
  MlAuthError,
  MlConfigError,
  MlConnectionError,
  MlError,
  MlHttpError,
  ResponseSchemaError,
} from './errors.ts';

const init = (status: number, body: unknown) => ({ status, method: 'POST', path: '/_plugins/_ml/x', body });
const http = (status: number, body: unknown) => new MlHttpError(init(status, body));

describe('error classes', () => {
  it('name their class and carry their code', () => {
    const connection = new MlConnectionError({
      method: 'GET',
      url: 'https://127.0.0.1:9200/_plugins/_ml/tasks/t1?pretty=true',
      kind: 'refused',
      detail: 'connect ECONNREFUSED',
      hint: 'is the cluster running?',
    });
    const errors: [MlError, string, string][] = [
      [new MlError('http', 'm'), 'MlError', 'http'],
      [new MlConfigError('bad CA'), 'MlConfigError', 'config'],
      [http(500, {}), 'MlHttpError', 'http'],
      [new MlAuthError(init(401, {}), 'check the password'), 'MlAuthError', 'auth'],
      [connection, 'MlConnectionError', 'connection'],
      [new ResponseSchemaError('GET /y', [], {}), 'ResponseSchemaError', 'response-schema'],
    ];
    for (const [error, name, code] of errors) {
      expect({ name: error.name, code: error.code }).toEqual({ name, code });
    }
  });

  it('an auth error ends its message with the hint and keeps the HTTP fields', () => {
    const error = new MlAuthError(init(403, { error: { reason: 'no permissions', type: 'security_exception' } }), 'x');
    expect(error.message).toBe('POST /_plugins/_ml/x → 403: no permissions (x)');
    expect(error).toMatchObject({ status: 403, type: 'security_exception', reason: 'no permissions' });
    expect(error.request).toEqual({ method: 'POST', path: '/_plugins/_ml/x', status: 403 });
  });

  it('a connection error names the request path (with its query) but not the host', () => {
    const make = (url: string) =>
      new MlConnectionError({ method: 'GET', url, kind: 'reset', detail: 'socket hang up', hint: 'retry' });
    const error = make('https://127.0.0.1:9200/_plugins/_ml/tasks/t1?pretty=true');
    expect(error.message).toBe(
      'GET https://127.0.0.1:9200/_plugins/_ml/tasks/t1?pretty=true failed (reset): socket hang up — retry',
    );
    expect(error.request).toEqual({ method: 'GET', path: '/_plugins/_ml/tasks/t1?pretty=true' });
    expect(make('not a url').request).toEqual({ method: 'GET', path: 'not a url' });
  });

  it('an HTTP error without a body says so', () => {
    expect(http(500, undefined).message).toBe('POST /_plugins/_ml/x → 500: (empty body)');
  });
});

describe('ResponseSchemaError', () => {
  const issue = (path: string) => ({ path, message: 'bad', value: '1' });

  it('counts nothing more with exactly three issues', () => {
    const error = new ResponseSchemaError('GET /y', ['a', 'b', 'c'].map(issue), {});
    expect(error.message).toBe('Unexpected response from GET /y: a: bad (got 1); b: bad (got 1); c: bad (got 1)');
  });

  it('splits the endpoint into the request method and path', () => {
    expect(new ResponseSchemaError('POST /m/{model_id}/_predict', [], {}).request).toEqual({
      method: 'POST',
      path: '/m/{model_id}/_predict',
    });
    expect(new ResponseSchemaError('cluster health', [], {}).request).toEqual({ method: 'cluster', path: 'health' });
    expect(new ResponseSchemaError('health', [], {}).request).toEqual({ method: 'health', path: '' });
  });
});

describe('the error body', () => {
  it('of a plain string: one reason, no type; nothing for a blank one', () => {
    expect(http(502, '  Bad Gateway  ')).toMatchObject({ reason: 'Bad Gateway', type: undefined });
    expect(http(502, '  Bad Gateway  ').reasons).toEqual(['Bad Gateway']);
    expect(http(502, '   ')).toMatchObject({ reason: undefined, reasons: [] });
  });

  it('of `{"error": "text"}`: that text as the one reason', () => {
    expect(http(503, { error: 'busy' })).toMatchObject({ reason: 'busy', type: undefined, reasons: ['busy'] });
    expect(http(503, { error: 3 })).toMatchObject({ reason: undefined, type: undefined, reasons: [] });
    expect(http(503, [{ error: 'busy' }])).toMatchObject({ reason: undefined, reasons: [] });
  });

  it('takes the type of the first root cause when the error has none, and skips empty and repeated reasons', () => {
    const body = {
      error: {
        type: 7,
        reason: '',
        root_cause: [{ type: 'status_exception', reason: 'gone' }],
        caused_by: { reason: 'gone', caused_by: { reason: 'deeper' } },
      },
    };
    expect(http(404, body)).toMatchObject({ type: 'status_exception', reason: 'gone', reasons: ['gone', 'deeper'] });
    expect(http(404, { error: { reason: 'r', root_cause: [{ type: 5 }] } }).type).toBeUndefined();
    expect(http(404, { error: { type: 'a', root_cause: [{ type: 'b' }] } }).type).toBe('a');
  });
});

describe('isIndexNotFound', () => {
  it('sees the exception type on the error or on any root cause', () => {
    expect(isIndexNotFound(http(404, { error: { type: 'index_not_found_exception', reason: 'x' } }))).toBe(true);
    const wrapped = {
      error: {
        type: 'status_exception',
        reason: 'x',
        root_cause: [{ type: 'status_exception' }, 'odd', { type: 'index_not_found_exception' }],
      },
    };
    expect(isIndexNotFound(http(404, wrapped))).toBe(true);
  });

  it('or a reason that starts with "no such index", and nothing else', () => {
    expect(isIndexNotFound(http(404, { error: { type: 't', reason: 'no such index [.plugins-ml-task]' } }))).toBe(true);
    expect(isIndexNotFound(http(404, 'no such index [x]'))).toBe(true);
    expect(isIndexNotFound(http(404, { error: { type: 't', reason: 'the index: no such index' } }))).toBe(false);
    expect(isIndexNotFound(http(404, { error: { type: 't', root_cause: [{ type: 'x' }] } }))).toBe(false);
    expect(isIndexNotFound(http(404, { error: 'index_not_found_exception' }))).toBe(false);
  });
});
