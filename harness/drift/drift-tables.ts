/**
 * The run's drift report as the conformance reports show it (report/drift-slot.ts): one table per kind of comparison
 * (against a baseline, across the run's versions, across the upgrade rehearsal), one row per card and version pair
 * with its worst numbers, and the notes (new or gone cards, refused baselines, regressions) under the first table.
 * drift.json and drift.md keep every single comparison.
 */
import type { DriftTable } from '../report/drift-slot.ts';
import type { DriftReport } from './drift-report.ts';
import type { DriftKind } from './vector-drift.ts';

const TITLES: Readonly<Record<DriftKind, string>> = {
  baseline: 'Drift against the baseline',
  'cross-version': 'Drift across the versions of this run',
  upgrade: 'Drift across the upgrade rehearsal',
};

const COLUMNS = ['card', 'from', 'to', 'comparisons', 'failed', 'worst cosine', 'worst max abs diff'];

const shown = (value: number | null): string => (value === null ? 'n/a' : value === 1 ? '1' : value.toPrecision(6));

export function driftTables(report: DriftReport): DriftTable[] {
  const kinds = [...new Set(report.table.map((row) => row.kind))];
  const notes = report.notes.map((note) => `${note.kind}: ${note.text}`);
  const tables: DriftTable[] = kinds.map((kind) => ({
    title: TITLES[kind],
    columns: COLUMNS,
    rows: report.table
      .filter((row) => row.kind === kind)
      .map((row) => ({
        cells: [
          row.card,
          row.from,
          row.to,
          String(row.comparisons),
          String(row.failed),
          shown(row.worstCosine),
          shown(row.worstMaxAbsDiff),
        ],
        ok: row.failed === 0,
      })),
  }));
  if (notes.length === 0) {
    return tables;
  }
  const [first, ...rest] = tables;
  return first === undefined
    ? [{ title: 'Drift notes', columns: COLUMNS, rows: [], notes }]
    : [{ ...first, notes }, ...rest];
}
