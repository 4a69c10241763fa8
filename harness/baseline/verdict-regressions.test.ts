import { describe, expect, it } from 'vitest';
import { verdictRegressions } from './verdict-regressions.ts';

describe('verdictRegressions', () => {
  it('lists checks that passed in the baseline and fail now, not ones that were already failing or are skipped', () => {
    const baseline = [
      { suite: 'lifecycle', card: 'c', check: 'lifecycle.deploy', status: 'passed' as const },
      { suite: 'lifecycle', card: 'c', check: 'lifecycle.reference', variant: 'short', status: 'passed' as const },
      { suite: 'lifecycle', card: 'c', check: 'lifecycle.batch', status: 'failed' as const },
      { suite: 'api', card: '-', check: 'api.unknown-ids', status: 'passed' as const },
    ];
    const now = [
      { suite: 'lifecycle', card: 'c', check: 'lifecycle.deploy', status: 'passed' as const },
      {
        suite: 'lifecycle',
        card: 'c',
        check: 'lifecycle.reference',
        variant: 'short',
        status: 'failed' as const,
        message: 'cosine 0.9',
      },
      { suite: 'lifecycle', card: 'c', check: 'lifecycle.batch', status: 'failed' as const },
      { suite: 'api', card: '-', check: 'api.unknown-ids', status: 'skipped' as const },
    ];
    expect(verdictRegressions(baseline, now)).toEqual([
      { key: 'lifecycle:c:lifecycle.reference:short', was: 'passed', now: 'failed', message: 'cosine 0.9' },
    ]);
  });
});
