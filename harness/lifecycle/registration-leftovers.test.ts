import { describe, expect, it } from 'vitest';
import type { SearchRequest } from '../ml/request-types.ts';
import { TaskFailedError, TaskTimeoutError } from '../ml/wait-errors.ts';
import { leftoverModelIds } from './registration-leftovers.ts';

const NAME = 'omlc-r1-card-model';

/** A model index whose search by name answers `hits` (or fails), recording the requests. */
function index(hits: { id: string; source: { name: string; chunk_number?: number } }[] | Error) {
  const searches: SearchRequest[] = [];
  return {
    searches,
    client: {
      searchModels: (request: SearchRequest) => {
        searches.push(request);
        return hits instanceof Error ? Promise.reject(hits) : Promise.resolve({ total: hits.length, hits });
      },
    },
  };
}

describe('leftoverModelIds', () => {
  it('searches the exact name without chunk documents, and skips chunks the search returns anyway', async () => {
    const found = index([
      { id: 'm1', source: { name: NAME } },
      { id: 'm1_0', source: { name: NAME, chunk_number: 0 } },
    ]);
    await expect(leftoverModelIds(found.client, NAME, new Error('socket hang up'))).resolves.toEqual(['m1']);
    expect(found.searches).toEqual([
      {
        size: 20,
        query: {
          bool: { filter: [{ term: { 'name.keyword': NAME } }], must_not: [{ exists: { field: 'chunk_number' } }] },
        },
      },
    ]);
  });

  it('adds the model a failed task names, once, also when the search finds nothing or fails', async () => {
    const failed = new TaskFailedError('t1', { state: 'FAILED', model_id: 'm7', error: 'x' }, []);
    await expect(leftoverModelIds(index([]).client, NAME, failed)).resolves.toEqual(['m7']);
    await expect(leftoverModelIds(index(new Error('index missing')).client, NAME, failed)).resolves.toEqual(['m7']);
    const same = index([{ id: 'm7', source: { name: NAME } }]);
    await expect(leftoverModelIds(same.client, NAME, failed)).resolves.toEqual(['m7']);
  });

  it('adds the model the last task seen before a timeout names', async () => {
    const timedOut = new TaskTimeoutError('t1', 1000, [], { state: 'RUNNING', model_id: 'm8' });
    await expect(leftoverModelIds(index([]).client, NAME, timedOut)).resolves.toEqual(['m8']);
    const blind = new TaskTimeoutError('t1', 1000, [], undefined);
    await expect(leftoverModelIds(index([]).client, NAME, blind)).resolves.toEqual([]);
  });

  it('takes no model id from other errors, even ones that carry a task', async () => {
    const lookalike = Object.assign(new Error('x'), { task: { state: 'FAILED', model_id: 'm9' } });
    await expect(leftoverModelIds(index([]).client, NAME, lookalike)).resolves.toEqual([]);
  });
});
