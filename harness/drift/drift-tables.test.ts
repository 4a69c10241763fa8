import { describe, expect, it } from 'vitest';
import type { DriftReport } from './drift-report.ts';
import { driftTables } from './drift-tables.ts';

const report = (table: DriftReport['table'], notes: DriftReport['notes'] = []): DriftReport =>
  ({ format: 1, runId: 'r', generatedAt: '', table, entries: [], notes }) as unknown as DriftReport;

const row = (kind: 'baseline' | 'cross-version' | 'upgrade', failed: number) => ({
  kind,
  card: 'c',
  from: 'live:2.19.6',
  to: 'live:3.6.0',
  comparisons: 4,
  failed,
  worstCosine: 0.99999,
  worstMaxAbsDiff: 1.25e-7,
});

describe('driftTables', () => {
  it('gives one table per kind, a failing row per card pair with failed comparisons', () => {
    const tables = driftTables(report([row('cross-version', 0), row('baseline', 2)]));
    expect(tables.map((t) => t.title)).toEqual(['Drift across the versions of this run', 'Drift against the baseline']);
    expect(tables[0]?.rows[0]).toEqual({
      cells: ['c', 'live:2.19.6', 'live:3.6.0', '4', '0', '0.999990', '1.25000e-7'],
      ok: true,
    });
    expect(tables[1]?.rows[0]?.ok).toBe(false);
  });

  it('keeps the notes, even without a comparison', () => {
    const notes = [{ kind: 'new-card' as const, card: 'x', text: 'x is new since the baseline' }];
    expect(driftTables(report([], notes))).toEqual([
      expect.objectContaining({ title: 'Drift notes', rows: [], notes: ['new-card: x is new since the baseline'] }),
    ]);
    expect(driftTables(report([]))).toEqual([]);
  });
});
