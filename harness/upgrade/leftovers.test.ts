import { describe, expect, it, vi } from 'vitest';
import type { SearchResult } from '../ml/search-result.ts';
import { fakeTimeEachTest } from '../ml/testing/fake-time.ts';
import { findLeftovers, LeftoversError, waitUntilNothingLeft, type LeftoverClient } from './leftovers.ts';

const PREFIX = 'omlc-r1-upgrade-on-';

function hits<S>(...sources: { id: string; source: S }[]): Promise<SearchResult<S>> {
  return Promise.resolve({ total: sources.length, hits: sources } as unknown as SearchResult<S>);
}

/** A cluster whose chunk documents disappear a few searches after the model was deleted. */
function clusterWithLateChunks(searchesUntilGone: number): LeftoverClient {
  let searches = 0;
  return {
    searchModels: () => {
      searches += 1;
      return searches <= searchesUntilGone
        ? hits({ id: 'm1_0', source: { name: `${PREFIX}tiny-model`, chunk_number: 0 } })
        : hits();
    },
    searchModelGroups: () => hits(),
  } as unknown as LeftoverClient;
}

fakeTimeEachTest();

describe('leftovers of a rehearsal', () => {
  it('counts models, chunks and groups named with the prefix, and nothing of other runs', async () => {
    const client = {
      searchModels: () =>
        hits(
          { id: 'm1', source: { name: `${PREFIX}a-model` } },
          { id: 'm1_0', source: { name: `${PREFIX}a-model`, chunk_number: 0 } },
          { id: 'other', source: { name: 'omlc-r2-upgrade-on-a-model' } },
        ),
      searchModelGroups: () => hits({ id: 'g1', source: { name: `${PREFIX}a-group` } }),
    } as unknown as LeftoverClient;
    expect(await findLeftovers(client, PREFIX)).toEqual({ models: ['m1'], chunks: ['m1_0'], groups: ['g1'] });
  });

  it('waits for chunks deleted asynchronously after the model', async () => {
    const done = waitUntilNothingLeft(clusterWithLateChunks(3), PREFIX, { timeoutMs: 10_000 });
    await vi.runAllTimersAsync();
    await expect(done).resolves.toBeUndefined();
  });

  it('names what is still there when the deadline passes', async () => {
    const done = waitUntilNothingLeft(clusterWithLateChunks(Number.POSITIVE_INFINITY), PREFIX, { timeoutMs: 2_000 });
    const settled = done.catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    const error = await settled;
    expect(error).toBeInstanceOf(LeftoversError);
    expect((error as Error).message).toMatch(
      /^resources named omlc-r1-upgrade-on-… still there after 2000 ms: 1 chunk\(s\) ×\d+ .*ids: .*"chunks":\["m1_0"\]/,
    );
  });
});
