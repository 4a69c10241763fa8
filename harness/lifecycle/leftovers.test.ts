import { describe, expect, it } from 'vitest';
import type { MlClient } from '../ml/client.ts';
import { describeLeftover, findLeftovers, formatAge, summarizeLeftovers } from './leftovers.ts';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);

describe('leftovers', () => {
  it('reads the run id and its start from a generated run id, and prefers the cluster creation time', () => {
    const found = { kind: 'model', id: 'm1', name: 'omlc-r20261202t070000-ab12-lifecycle-tiny-onnx-sym-model' };
    expect(describeLeftover(found, NOW)).toMatchObject({ runId: 'r20261202t070000-ab12', ageMs: 5 * 3_600_000 });
    expect(describeLeftover({ ...found, createdAt: NOW - 60_000 }, NOW).ageMs).toBe(60_000);
  });

  it('tells a custom run id (OMLC_RUN_ID) apart by the suite name that follows it', () => {
    const leftover = describeLeftover(
      { kind: 'model-group', id: 'g', name: 'omlc-ci-job-42-api-errors-tiny-group' },
      NOW,
    );
    expect(leftover.runId).toBe('ci-job-42');
    expect(leftover.ageMs).toBeUndefined();
    expect(describeLeftover({ kind: 'model', id: 'x', name: 'omlc-something-else' }, NOW).runId).toBe('?');
  });

  it('summarizes per run, oldest first', () => {
    const leftovers = [
      describeLeftover({ kind: 'model', id: 'a', name: 'omlc-r20261202t110000-0001-lifecycle-x-model' }, NOW),
      describeLeftover({ kind: 'model', id: 'b', name: 'omlc-r20261201t120000-0002-lifecycle-x-model' }, NOW),
      describeLeftover({ kind: 'model-group', id: 'c', name: 'omlc-r20261201t120000-0002-lifecycle-x-group' }, NOW),
    ];
    expect(summarizeLeftovers(leftovers)).toEqual([
      'r20261201t120000-0002: 2 (1 model, 1 model-group), 24 h 0 min old',
      'r20261202t110000-0001: 1 (1 model), 1 h 0 min old',
    ]);
  });

  it('formats ages for people', () => {
    expect(formatAge(undefined)).toBe('age unknown');
    expect(formatAge(40_000)).toBe('40 s');
    expect(formatAge(125 * 60_000)).toBe('2 h 5 min');
    expect(formatAge(3 * 86_400_000)).toBe('3 d');
  });

  it('formats ages at the unit boundaries', () => {
    expect(formatAge(59_499)).toBe('59 s');
    expect(formatAge(59_500)).toBe('1 min');
    expect(formatAge(59 * 60_000)).toBe('59 min');
    expect(formatAge(60 * 60_000)).toBe('1 h 0 min');
    expect(formatAge(47 * 3_600_000 + 59 * 60_000)).toBe('47 h 59 min');
    expect(formatAge(48 * 3_600_000)).toBe('2 d');
  });

  it('clamps an age from a clock ahead of this one to 0, and puts runs of unknown age last', () => {
    const name = 'omlc-r20261202t110000-0001-lifecycle-x-model';
    expect(describeLeftover({ kind: 'model', id: 'a', name, createdAt: NOW + 5000 }, NOW).ageMs).toBe(0);
    const unknown = describeLeftover({ kind: 'model', id: 'u', name: 'omlc-x-lifecycle-y-model' }, NOW);
    const fresh = describeLeftover({ kind: 'model', id: 'a', name, createdAt: NOW }, NOW);
    expect(summarizeLeftovers([unknown, fresh])).toEqual([
      'r20261202t110000-0001: 1 (1 model), 0 s old',
      'x: 1 (1 model), age unknown old',
    ]);
  });

  it("finds every harness resource on the cluster except the current run's", async () => {
    const model = (id: string, name: string) => ({ id, source: { name, created_time: NOW - 1000 } });
    const fake: Pick<MlClient, 'searchModels' | 'searchModelGroups' | 'listIndices' | 'getPipelines'> = {
      searchModels: () =>
        Promise.resolve({
          total: 2,
          hits: [
            model('mine', 'omlc-r20261202t110000-0001-lifecycle-x-model'),
            model('other', 'omlc-r20261202t100000-0002-lifecycle-x-model'),
          ],
        }),
      searchModelGroups: () => Promise.resolve({ total: 0, hits: [] }),
      listIndices: () => Promise.resolve([]),
      getPipelines: () => Promise.resolve({}),
    };
    const client = fake as MlClient;
    const others = await findLeftovers(client, NOW, 'r20261202t110000-0001');
    expect(others.map((l) => [l.id, l.runId, l.ageMs])).toEqual([['other', 'r20261202t100000-0002', 1000]]);
    expect((await findLeftovers(client, NOW)).map((l) => l.id)).toEqual(['mine', 'other']);
  });

  it('takes the run id up to the first suite name, and none from a name that starts with one', () => {
    const twice = describeLeftover({ kind: 'model', id: 'x', name: 'omlc-ci-42-lifecycle-api-errors-model' }, NOW);
    expect(twice.runId).toBe('ci-42');
    expect(describeLeftover({ kind: 'model', id: 'x', name: 'omlc--lifecycle-x-model' }, NOW).runId).toBe('?');
  });

  it("gives a run's oldest resource as its age", () => {
    const name = 'omlc-r20261202t110000-0001-lifecycle-x-model';
    const items = [NOW - 60_000, NOW - 3 * 60_000, NOW - 2 * 60_000].map((createdAt, n) =>
      describeLeftover({ kind: 'model', id: `m${n}`, name, createdAt }, NOW),
    );
    expect(summarizeLeftovers(items)).toEqual(['r20261202t110000-0001: 3 (3 model), 3 min old']);
  });

  it('leaves out no run when the current one is not named', async () => {
    const fake: Pick<MlClient, 'searchModels' | 'searchModelGroups' | 'listIndices' | 'getPipelines'> = {
      searchModels: () =>
        Promise.resolve({ total: 1, hits: [{ id: 'u', source: { name: 'omlc-undefined-lifecycle-x-model' } }] }),
      searchModelGroups: () => Promise.resolve({ total: 0, hits: [] }),
      listIndices: () => Promise.resolve([]),
      getPipelines: () => Promise.resolve({}),
    };
    expect((await findLeftovers(fake as MlClient, NOW)).map((l) => l.id)).toEqual(['u']);
  });
});
