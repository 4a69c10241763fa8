import { describe, expect, it } from 'vitest';
import { MlHttpError } from '../ml/errors.ts';
import type { SearchRequest } from '../ml/request-types.ts';
import { jumpingClock } from '../ml/testing/jumping-clock.ts';
import type { RequestOptions } from '../ml/transport.ts';
import { ChunksLeftError, chunkDocumentIds, waitForChunksGone, type ChunkSearchClient } from './chunk-documents.ts';

/** Each search answers the next count of chunk documents (the last repeats), or throws the error given instead. */
function chunkIndex(...answers: (number | Error)[]) {
  const searches: { request: SearchRequest; options: RequestOptions | undefined }[] = [];
  const client: ChunkSearchClient = {
    searchModels: (request, options) => {
      searches.push({ request, options });
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      if (answer instanceof Error) {
        return Promise.reject(answer);
      }
      const hits = Array.from({ length: answer ?? 0 }, (_, n) => ({
        id: `m1_${n}`,
        source: { model_id: 'm1', chunk_number: n },
      }));
      return Promise.resolve({ total: hits.length, hits });
    },
  };
  return { client, searches };
}

describe('chunkDocumentIds', () => {
  it("asks for the model's documents that carry a chunk number, and returns their ids", async () => {
    const index = chunkIndex(2);
    const signal = new AbortController().signal;
    await expect(chunkDocumentIds(index.client, 'm1', { timeoutMs: 900, signal })).resolves.toEqual(['m1_0', 'm1_1']);
    expect(index.searches).toEqual([
      {
        request: {
          size: 100,
          query: { bool: { filter: [{ term: { model_id: 'm1' } }, { exists: { field: 'chunk_number' } }] } },
          _source: ['chunk_number'],
        },
        options: { timeoutMs: 900, signal },
      },
    ]);
  });
});

describe('waitForChunksGone', () => {
  it('searches until no chunk is left, within what is left of its budget, with the signal only when given', async () => {
    const quiet = chunkIndex(2, 1, 0);
    await waitForChunksGone(quiet.client, 'm1', { timeoutMs: 5000, clock: jumpingClock() });
    expect(quiet.searches.map((s) => s.options)).toStrictEqual([
      { timeoutMs: 5000 },
      { timeoutMs: 4990 },
      { timeoutMs: 4980 },
    ]);

    const signal = new AbortController().signal;
    const signalled = chunkIndex(0);
    await waitForChunksGone(signalled.client, 'm1', { timeoutMs: 5000, clock: jumpingClock(), signal });
    expect(signalled.searches.map((s) => s.options)).toStrictEqual([{ timeoutMs: 5000, signal }]);
  });

  it('fails at the deadline naming the chunks still found and the counts it saw', async () => {
    const index = chunkIndex(2);
    const error = await waitForChunksGone(index.client, 'm1', { timeoutMs: 3000, clock: jumpingClock() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ChunksLeftError);
    const left = error as ChunksLeftError;
    expect(left.name).toBe('ChunksLeftError');
    expect(left.code).toBe('chunks-left');
    expect(left.ids).toEqual(['m1_0', 'm1_1']);
    expect(left.message).toMatch(
      /^chunk documents of model m1 still in the model index 3 s after the model was deleted: m1_0, m1_1 \(2 chunk\(s\) ×\d+ \(0\.00–3\.00 s\)\)$/,
    );
  });

  it('says nothing is confirmed either way when no search answered before the deadline', async () => {
    const busy = new MlHttpError({ status: 503, method: 'POST', path: '/_plugins/_ml/models/_search', body: {} });
    const error = await waitForChunksGone(chunkIndex(busy).client, 'm1', {
      timeoutMs: 1000,
      clock: jumpingClock(),
    }).catch((e: unknown) => e);
    expect((error as ChunksLeftError).ids).toEqual([]);
    expect((error as Error).message).toMatch(
      /^could not confirm that the chunk documents of model m1 are gone 1 s after the model was deleted: no chunk search answered \(HTTP 503 ×\d+/,
    );
  });
});
