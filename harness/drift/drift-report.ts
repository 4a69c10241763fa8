/**
 * The drift report (`drift.json`, `drift.md`, and the `drift` section of `conformance.json`): every probe comparison
 * worst first, a card × (from → to) table, and notes (new/gone/refused cards, dtype/shape changes, timing and verdict
 * regressions). Building and rendering are pure, so other reports (HTML) can embed the same tables.
 */
import type { ContentTypeKey } from './recording.ts';
import { formatCosine, formatDiff, type DriftKind, type ProbeDrift } from './vector-drift.ts';

export const DRIFT_REPORT_FORMAT = 'opensearch-ml-conformance/drift@1';

export interface DriftEntry {
  readonly kind: DriftKind;
  readonly card: string;
  readonly probe: string;
  readonly contentType: ContentTypeKey;
  readonly from: string;
  readonly fromVersion: string;
  readonly to: string;
  readonly toVersion: string;
  /** null when not computable (length mismatch, zero vector). */
  readonly cosine: number | null;
  readonly maxAbsDiff: number | null;
  readonly minCosine: number;
  readonly maxAbsAllowed: number;
  readonly ok: boolean;
  readonly message?: string;
}

export type DriftNoteKind = 'new-card' | 'gone-card' | 'refused' | 'shape' | 'timing' | 'regression' | 'skipped';

export interface DriftNote {
  readonly kind: DriftNoteKind;
  readonly card: string;
  readonly text: string;
}

export interface DriftTableRow {
  readonly kind: DriftKind;
  readonly card: string;
  readonly from: string;
  readonly to: string;
  readonly comparisons: number;
  readonly failed: number;
  readonly worstCosine: number | null;
  readonly worstMaxAbsDiff: number | null;
}

export interface DriftReport {
  readonly format: typeof DRIFT_REPORT_FORMAT;
  readonly runId: string;
  readonly generatedAt: string;
  readonly table: readonly DriftTableRow[];
  readonly entries: readonly DriftEntry[];
  readonly notes: readonly DriftNote[];
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function toDriftEntry(drift: ProbeDrift): DriftEntry {
  const entry = {
    kind: drift.kind,
    card: drift.card,
    probe: drift.probe,
    contentType: drift.contentType,
    from: drift.from.label,
    fromVersion: drift.from.version,
    to: drift.to.label,
    toVersion: drift.to.version,
    cosine: finiteOrNull(drift.cosine),
    maxAbsDiff: finiteOrNull(drift.maxAbsDiff),
    minCosine: drift.minCosine,
    maxAbsAllowed: drift.maxAbsAllowed,
    ok: drift.ok,
  };
  return drift.message === undefined ? entry : { ...entry, message: drift.message };
}

/** Failures first, then lowest cosine (null = worst), then largest max abs diff. */
export function worstFirst(a: DriftEntry, b: DriftEntry): number {
  if (a.ok !== b.ok) {
    return a.ok ? 1 : -1;
  }
  const ca = a.cosine ?? Number.NEGATIVE_INFINITY;
  const cb = b.cosine ?? Number.NEGATIVE_INFINITY;
  if (ca !== cb) {
    return ca - cb;
  }
  const da = a.maxAbsDiff ?? Number.POSITIVE_INFINITY;
  const db = b.maxAbsDiff ?? Number.POSITIVE_INFINITY;
  if (da !== db) {
    return db - da;
  }
  return `${a.card}/${a.probe}/${a.contentType}`.localeCompare(`${b.card}/${b.probe}/${b.contentType}`);
}

export function buildDriftReport(input: {
  readonly runId: string;
  readonly now: Date;
  readonly entries: readonly DriftEntry[];
  readonly notes?: readonly DriftNote[];
}): DriftReport {
  const entries = [...input.entries].sort(worstFirst);
  const rows = new Map<string, DriftEntry[]>();
  for (const entry of entries) {
    const key = [entry.kind, entry.card, entry.from, entry.to].join('\u0000');
    rows.set(key, [...(rows.get(key) ?? []), entry]);
  }
  const table = [...rows.values()]
    .map((group): DriftTableRow => {
      // `entries` is sorted worst first, so the group's first entry holds its worst numbers.
      const [worst] = group;
      return {
        kind: worst?.kind ?? 'baseline',
        card: worst?.card ?? '',
        from: worst?.from ?? '',
        to: worst?.to ?? '',
        comparisons: group.length,
        failed: group.filter((e) => !e.ok).length,
        worstCosine: worst?.cosine ?? null,
        worstMaxAbsDiff: group.reduce<number | null>(
          (max, e) => (e.maxAbsDiff === null || max === null ? null : Math.max(max, e.maxAbsDiff)),
          0,
        ),
      };
    })
    .sort((a, b) => b.failed - a.failed || a.card.localeCompare(b.card) || a.from.localeCompare(b.from));
  const notes = [...(input.notes ?? [])].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.card.localeCompare(b.card) || a.text.localeCompare(b.text),
  );
  return {
    format: DRIFT_REPORT_FORMAT,
    runId: input.runId,
    generatedAt: input.now.toISOString(),
    table,
    entries,
    notes,
  };
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

const KIND_TITLE: Record<DriftKind, string> = {
  'cross-version': 'across versions in this run',
  baseline: 'against the baseline',
  upgrade: 'across the in-place upgrade',
};

const NOTE_TITLE: Record<DriftNoteKind, string> = {
  regression: 'Checks that passed in the baseline and fail now',
  refused: 'Refused comparisons',
  shape: 'dtype / shape changes',
  timing: 'Timing regressions (reported, not failed unless asked)',
  'new-card': 'New since the baseline',
  'gone-card': 'In the baseline, not in this run',
  skipped: 'Not compared',
};

const num = (value: number | null, format: (n: number) => string): string => (value === null ? 'n/a' : format(value));

export function renderDriftMarkdown(report: DriftReport): string {
  const lines = [`# Embedding drift — run ${report.runId}`, ''];
  if (report.table.length === 0 && report.notes.length === 0) {
    lines.push('No drift comparisons in this run (no baseline given and fewer than two live versions).', '');
  }
  for (const kind of ['cross-version', 'baseline', 'upgrade'] as const) {
    const rows = report.table.filter((row) => row.kind === kind);
    if (rows.length === 0) {
      continue;
    }
    lines.push(`## Drift ${KIND_TITLE[kind]}`, '');
    lines.push(
      '| card | from | to | probes | worst cosine | worst max abs diff | result |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const row of rows) {
      const result = row.failed === 0 ? 'pass' : `FAIL (${row.failed} of ${row.comparisons})`;
      lines.push(
        `| ${[row.card, row.from, row.to, String(row.comparisons), num(row.worstCosine, formatCosine), num(row.worstMaxAbsDiff, formatDiff), result].map(cell).join(' | ')} |`,
      );
    }
    lines.push('');
  }
  if (report.entries.length > 0) {
    lines.push('## Every probe, worst first', '');
    lines.push(
      '| card | probe | content type | from | to | cosine | max abs diff | result |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const e of report.entries) {
      const result = e.ok ? 'pass' : `FAIL (min cosine ${e.minCosine}, max abs ${formatDiff(e.maxAbsAllowed)})`;
      lines.push(
        `| ${[e.card, e.probe, e.contentType, e.from, e.to, num(e.cosine, formatCosine), num(e.maxAbsDiff, formatDiff), result].map(cell).join(' | ')} |`,
      );
    }
    lines.push('');
  }
  for (const kind of Object.keys(NOTE_TITLE) as DriftNoteKind[]) {
    const notes = report.notes.filter((note) => note.kind === kind);
    if (notes.length > 0) {
      lines.push(`## ${NOTE_TITLE[kind]}`, '', ...notes.map((note) => `- ${note.card}: ${note.text}`), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
