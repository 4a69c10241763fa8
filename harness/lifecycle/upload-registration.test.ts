import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MlConnectionError, MlHttpError } from '../ml/errors.ts';
import type { RegisterModelMetaRequest } from '../ml/request-types.ts';
import type { RequestOptions } from '../ml/transport.ts';
import {
  checkedChunkBytes,
  chunkCount,
  registerMeta,
  uploadChunks,
  type UploadArtifact,
  type UploadClient,
} from './upload-registration.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'omlc-upload-registration-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A zip of `size` bytes whose byte i is i % 251, so each chunk's content says where it was read from. */
function artifactOf(size: number): UploadArtifact {
  const file = path.join(dir, `model-${size}.zip`);
  writeFileSync(file, Buffer.from(Array.from({ length: size }, (_, i) => i % 251)));
  return { path: file, sha256: 'a'.repeat(64), size };
}

interface Sent {
  readonly n: number | string;
  readonly bytes: number[];
  readonly options: RequestOptions | undefined;
}

function chunkClient(): { client: Pick<UploadClient, 'uploadModelChunk'>; sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    client: {
      uploadModelChunk: (_modelId, n, bytes, options) => {
        sent.push({ n, bytes: [...bytes], options });
        return Promise.resolve({ status: 'Uploaded' });
      },
    },
  };
}

/** A clock that moves 250 ms on every reading. */
function steppingClock() {
  let now = 0;
  return { now: () => (now += 250) };
}

describe('uploadChunks', () => {
  it('reads each chunk from its offset, the last one short, and reports progress for a model of several chunks', async () => {
    const { client, sent } = chunkClient();
    const lines: string[] = [];
    const bytes = await uploadChunks({
      client,
      modelId: 'm1',
      artifact: artifactOf(2_500_000),
      chunkBytes: 1_000_000,
      progress: (line) => lines.push(line),
      clock: steppingClock(),
    });
    expect(bytes).toBe(2_500_000);
    expect(sent.map((s) => [s.n, s.bytes.length, s.bytes[0]])).toEqual([
      [0, 1_000_000, 0],
      [1, 1_000_000, 1_000_000 % 251],
      [2, 500_000, 2_000_000 % 251],
    ]);
    expect(lines).toEqual([
      'upload m1: chunk 1/3 (1.0 of 2.5 MB, 0.3 s)',
      'upload m1: chunk 2/3 (2.0 of 2.5 MB, 0.5 s)',
      'upload m1: chunk 3/3 (2.5 of 2.5 MB, 0.8 s)',
    ]);
  });

  it('sends only the chunk numbers asked for, in that order, under its label', async () => {
    const { client, sent } = chunkClient();
    const lines: string[] = [];
    const signal = new AbortController().signal;
    const bytes = await uploadChunks({
      client,
      modelId: 'm1',
      artifact: artifactOf(25),
      chunkBytes: 10,
      numbers: [2, 0],
      label: 'card model',
      progress: (line) => lines.push(line),
      clock: steppingClock(),
      signal,
    });
    expect(bytes).toBe(15);
    expect(sent.map((s) => [s.n, s.bytes])).toEqual([
      [2, [20, 21, 22, 23, 24]],
      [0, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ]);
    expect(sent.every((s) => s.options?.signal === signal)).toBe(true);
    expect(lines.map((l) => l.slice(0, 36))).toEqual([
      'upload card model: chunk 1/2 (0.0 of',
      'upload card model: chunk 2/2 (0.0 of',
    ]);
  });

  it('stays quiet for a model of one chunk, and sends no signal it was not given', async () => {
    const { client, sent } = chunkClient();
    const lines: string[] = [];
    await uploadChunks({ client, modelId: 'm1', artifact: artifactOf(10), progress: (line) => lines.push(line) });
    expect(lines).toEqual([]);
    expect(sent).toEqual([{ n: 0, bytes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], options: {} }]);
  });

  it('refuses chunk sizes the server does not accept before reading anything', async () => {
    const { client, sent } = chunkClient();
    await expect(uploadChunks({ client, modelId: 'm1', artifact: artifactOf(5), chunkBytes: 1.5 })).rejects.toThrow(
      'chunk size 1.5: ML Commons accepts 1 to 10000000 bytes per chunk',
    );
    expect(sent).toEqual([]);
    expect(checkedChunkBytes(undefined)).toBe(10_000_000);
    expect(checkedChunkBytes(1)).toBe(1);
    expect(checkedChunkBytes(10_000_000)).toBe(10_000_000);
    expect(chunkCount(25, 10)).toBe(3);
  });
});

describe('registerMeta', () => {
  const request: RegisterModelMetaRequest = { name: 'omlc-x-model', version: '1', model_format: 'TORCH_SCRIPT' };

  function metaClient(answer: () => Promise<{ model_id: string; status: string }>) {
    const bodies: RegisterModelMetaRequest[] = [];
    const options: (RequestOptions | undefined)[] = [];
    const searches: unknown[] = [];
    const client: UploadClient = {
      registerModelMeta: (body, o) => {
        bodies.push(body);
        options.push(o);
        return answer();
      },
      uploadModelChunk: () => Promise.reject(new Error('no chunk expected')),
      searchModels: (search) => {
        searches.push(search);
        return Promise.resolve({ total: 1, hits: [{ id: 'left-1', source: { name: 'omlc-x-model' } }] });
      },
    };
    return { client, bodies, options, searches };
  }

  it('declares the size and the chunk count, and tracks the model the answer names', async () => {
    const c = metaClient(() => Promise.resolve({ model_id: 'm7', status: 'CREATED' }));
    const tracked: string[] = [];
    const signal = new AbortController().signal;
    const result = await registerMeta({
      client: c.client,
      request,
      artifact: artifactOf(25),
      chunkBytes: 10,
      track: (id) => tracked.push(id),
      signal,
    });
    expect(result).toEqual({ modelId: 'm7', totalChunks: 3 });
    expect(c.bodies).toEqual([{ ...request, model_content_size_in_bytes: 25, total_chunks: 3 }]);
    expect(c.options).toEqual([{ signal }]);
    expect(tracked).toEqual(['m7']);
  });

  it('looks up and tracks what a lost answer may have created, but nothing after a refusal', async () => {
    const lost = metaClient(() =>
      Promise.reject(
        new MlConnectionError({ method: 'POST', url: 'x', kind: 'reset', detail: 'socket hang up', hint: '' }),
      ),
    );
    const tracked: string[] = [];
    const input = { request, artifact: artifactOf(5), track: (id: string) => tracked.push(id) };
    await expect(registerMeta({ ...input, client: lost.client })).rejects.toThrow(MlConnectionError);
    expect(lost.options).toEqual([{}]);
    expect(tracked).toEqual(['left-1']);

    const refused = metaClient(() =>
      Promise.reject(new MlHttpError({ status: 400, method: 'POST', path: '/_register_meta', body: { error: 'x' } })),
    );
    await expect(registerMeta({ ...input, client: refused.client })).rejects.toThrow(MlHttpError);
    expect(refused.searches).toEqual([]);
    expect(tracked).toEqual(['left-1']);
  });

  it('reports progress from two chunks on, and needs no progress callback', async () => {
    const { client } = chunkClient();
    const lines: string[] = [];
    await uploadChunks({
      client,
      modelId: 'm1',
      artifact: artifactOf(20),
      chunkBytes: 10,
      progress: (l) => lines.push(l),
    });
    expect(lines).toHaveLength(2);
    await expect(uploadChunks({ client, modelId: 'm1', artifact: artifactOf(30), chunkBytes: 10 })).resolves.toBe(30);
  });
});
