/**
 * The chunk body must reach the cluster byte for byte (the typed opensearch-js `ml.uploadChunk` would send JSON),
 * with a content type OpenSearch accepts for it; the meta request is plain JSON.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMlClient } from './client.ts';
import { MlHttpError } from './errors.ts';

const BASE = 'http://opensearch.upload-test:9200';
const received: { path: string; contentType: string | null; bytes: Uint8Array }[] = [];

const server = setupServer(
  http.post(`${BASE}/_plugins/_ml/models/_register_meta`, async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    return HttpResponse.json({ model_id: `id-of-${String(body.name)}`, status: 'CREATED' });
  }),
  http.post(`${BASE}/_plugins/_ml/models/:id/upload_chunk/:n`, async ({ request, params }) => {
    if (params.n === '9') {
      return HttpResponse.json(
        { error: { type: 'exception', reason: 'Chunk number exceeds total chunks' }, status: 500 },
        { status: 500 },
      );
    }
    received.push({
      path: new URL(request.url).pathname,
      contentType: request.headers.get('content-type'),
      bytes: new Uint8Array(await request.arrayBuffer()),
    });
    return HttpResponse.json({ status: 'Uploaded' });
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' });
});
afterAll(() => {
  server.close();
});

describe('upload API', () => {
  it('registers the metadata and sends each chunk as raw bytes with application/json', async () => {
    const client = createMlClient({ baseUrl: BASE });
    const meta = await client.registerModelMeta({ name: 'm', model_format: 'ONNX', total_chunks: 1 });
    expect(meta).toEqual({ model_id: 'id-of-m', status: 'CREATED' });
    // Every byte value, and a view into a larger buffer: only the view's bytes may be sent.
    const backing = new Uint8Array(300).map((_, i) => i % 256);
    const slice = backing.subarray(20, 276);
    await expect(client.uploadModelChunk('id-of-m', 0, slice)).resolves.toEqual({ status: 'Uploaded' });
    expect(received).toHaveLength(1);
    expect(received[0]?.path).toBe('/_plugins/_ml/models/id-of-m/upload_chunk/0');
    expect(received[0]?.contentType).toBe('application/json');
    expect([...(received[0]?.bytes ?? [])]).toEqual([...slice]);
    await client.close();
  });

  it('turns a refused chunk into an MlHttpError with ML Commons’ reason', async () => {
    const client = createMlClient({ baseUrl: BASE });
    const error = await client.uploadModelChunk('m', 9, new Uint8Array([1])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlHttpError);
    expect(error).toMatchObject({ status: 500, reason: 'Chunk number exceeds total chunks' });
    await client.close();
  });
});
