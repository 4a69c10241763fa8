/**
 * The reports' slot for drift (embeddings compared across versions, against a baseline, across an upgrade). The drift
 * model lives with the code that measures it; it hands the reports plain tables in this shape — through a case's
 * `meta.conformance.drift` (computed in a test) or `contributeDrift()` (computed in the main process, e.g. a global
 * teardown) — and every report renders them as they come: `conformance.json` keeps them, the Markdown and the HTML
 * show them as tables with failing rows marked.
 */

export interface DriftTable {
  /** e.g. `Drift across versions in this run`. */
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly DriftRow[];
  /** Free lines under the table (refused comparisons, shape changes, …). */
  readonly notes?: readonly string[];
}

export interface DriftRow {
  /** One text per column. */
  readonly cells: readonly string[];
  /** A row outside its tolerance; counted and marked as a failure. */
  readonly ok: boolean;
}

/** Structural check for tables arriving from JSON or another module instance (wrong shapes are dropped, not shown). */
export function isDriftTable(value: unknown): value is DriftTable {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  const table = value as Partial<Record<keyof DriftTable, unknown>>;
  const strings = (list: unknown): boolean => Array.isArray(list) && list.every((item) => typeof item === 'string');
  return (
    typeof table.title === 'string' &&
    strings(table.columns) &&
    (table.notes === undefined || strings(table.notes)) &&
    Array.isArray(table.rows) &&
    table.rows.every((row: unknown) => {
      const r = row as Partial<Record<keyof DriftRow, unknown>> | null;
      return r !== null && typeof r === 'object' && strings(r.cells) && typeof r.ok === 'boolean';
    })
  );
}
