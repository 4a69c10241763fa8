/**
 * The simulator target answers through msw: this pins down that the ML client (OpenSearch JS client over node:http)
 * is intercepted when it is constructed after `server.listen()`, and that msw error answers map like real ones.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMlClient } from './client.ts';
import { MlHttpError } from './errors.ts';
import * as real from './testing/verified-responses.ts';

const BASE = 'http://opensearch.simulated:9200';

const server = setupServer(
  http.get(`${BASE}/_plugins/_ml/tasks/:taskId`, () => HttpResponse.json(real.registerTaskCompleted)),
  http.post(`${BASE}/_plugins/_ml/_predict/text_embedding/:modelId`, () =>
    HttpResponse.json(real.predictBeforeDeploy, { status: 400 }),
  ),
);

beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' });
});

afterEach(() => {
  server.resetHandlers();
});

afterAll(() => {
  server.close();
});

describe('ML client under msw', () => {
  it('is intercepted and parses the body', async () => {
    const client = createMlClient({ baseUrl: BASE });
    await expect(client.getTask('t1')).resolves.toMatchObject({ state: 'COMPLETED', model_id: real.MODEL_ID });
    await client.close();
  });

  it('maps msw error answers to MlHttpError', async () => {
    const client = createMlClient({ baseUrl: BASE });
    const error = await client.predict('m1', { text_docs: ['a'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlHttpError);
    expect(error).toMatchObject({ status: 400, reason: 'Model not ready yet. Please deploy the model first.' });
    await client.close();
  });
});
