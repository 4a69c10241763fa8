import { describe, expect, it } from 'vitest';
import { MlHttpError } from '../ml/errors.ts';
import { jumpingClock } from '../ml/testing/jumping-clock.ts';
import { survivingModels } from './registration-survivors.ts';

interface Doc {
  readonly id: string;
  readonly name: string;
  readonly chunk_number?: number;
}

/** Models as the search sees them and as GET sees them, each a function of how many searches were made. */
function fakeClient(searchable: (round: number) => Doc[], existing: (round: number) => Set<string>) {
  let round = 0;
  const searched: unknown[] = [];
  return {
    searched,
    searchModels: (request: unknown) => {
      searched.push(request);
      round += 1;
      const hits = searchable(round).map((doc) => ({ id: doc.id, source: doc }));
      return Promise.resolve({ total: hits.length, hits });
    },
    getModel: (id: string) =>
      existing(round).has(id)
        ? Promise.resolve({ name: id })
        : Promise.reject(new MlHttpError({ status: 404, method: 'GET', path: `/m/${id}`, body: {} })),
  };
}

describe('survivingModels', () => {
  it('finds a model by its name although the task names none, and ignores its chunks', async () => {
    const client = fakeClient(
      () => [
        { id: 'm1', name: 'n' },
        { id: 'm1_0', name: 'n', chunk_number: 0 },
      ],
      () => new Set(['m1', 'm1_0']),
    );
    expect(await survivingModels(client as never, 'n', undefined, { refreshMs: 0 })).toEqual(['m1']);
    expect(client.searched).toEqual([
      {
        size: 20,
        query: {
          bool: { filter: [{ term: { 'name.keyword': 'n' } }], must_not: [{ exists: { field: 'chunk_number' } }] },
        },
      },
    ]);
  });

  it("also checks the task's model_id, and only reports what a GET still finds", async () => {
    const client = fakeClient(
      () => [{ id: 'deleted-but-searchable', name: 'n' }],
      () => new Set(['from-task']),
    );
    expect(await survivingModels(client as never, 'n', 'from-task', { refreshMs: 0 })).toEqual(['from-task']);
    expect(await survivingModels(client as never, 'n', undefined, { refreshMs: 0 })).toEqual([]);
  });

  it('searches until the refresh has passed, so a document that shows late is found', async () => {
    const clock = jumpingClock();
    const client = fakeClient(
      (round) => (round >= 4 ? [{ id: 'late', name: 'n' }] : []),
      () => new Set(['late']),
    );
    expect(await survivingModels(client as never, 'n', undefined, { refreshMs: 1000, clock })).toEqual(['late']);
    expect(clock.now()).toBe(2000);
  });

  it('gives a survivor the refresh time again to be deleted by the failure handler', async () => {
    const clock = jumpingClock();
    const client = fakeClient(
      () => [{ id: 'slow', name: 'n' }],
      (round) => new Set(round <= 5 ? ['slow'] : []),
    );
    expect(await survivingModels(client as never, 'n', undefined, { refreshMs: 1000, clock })).toEqual([]);
    expect(clock.slept).toEqual([250, 250, 250, 250, 250]);
  });

  it('returns at once when nothing is left and the refresh has passed', async () => {
    const clock = jumpingClock();
    const client = fakeClient(
      () => [],
      () => new Set(),
    );
    expect(await survivingModels(client as never, 'n', undefined, { refreshMs: 500, clock })).toEqual([]);
    expect(clock.now()).toBe(500);
  });

  it('propagates a search that fails', async () => {
    const client = {
      searchModels: () => Promise.reject(new Error('search refused')),
      getModel: () => Promise.resolve({}),
    };
    await expect(survivingModels(client as never, 'n', undefined, { refreshMs: 0 })).rejects.toThrowError(
      'search refused',
    );
  });
});
