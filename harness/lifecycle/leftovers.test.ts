import { describe, expect, it } from 'vitest';
import { describeLeftover, formatAge, summarizeLeftovers } from './leftovers.ts';

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
});
