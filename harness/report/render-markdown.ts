/**
 * `compat-matrix.md` (also the GitHub step summary): the run's outcome and per-target counts, then the matrix with one
 * mark per cell and a footnote number where there is a reason, then the numbered reasons (each written once), the
 * errors outside the checks and any drift tables.
 */
import type { CompatMatrix, Footnote, MatrixCell, MatrixRow } from './compat-matrix.ts';
import { formatRequest } from './error-request.ts';
import type { DriftTable } from './drift-slot.ts';
import type { CaseStatus, ConformanceReport } from './report-model.ts';

export const MARK: Record<CaseStatus, string> = { passed: '✅', failed: '❌', skipped: '⚪', pending: '⏳' };
const NOTE_LABEL: Record<Footnote['kind'], string> = {
  skip: 'skipped',
  fail: 'failed',
  pending: 'did not finish',
  error: 'error outside checks',
};

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** ` 2/3` when a cell's cases (e.g. probes) do not all share its status; ` ×2` for several errors in one cell. */
export function cellCount(c: MatrixCell, kind: MatrixRow['kind']): string {
  const total = c.counts.passed + c.counts.failed + c.counts.skipped + c.counts.pending;
  if (kind === 'error') {
    return total > 1 ? ` ×${total}` : '';
  }
  return total > 1 && c.counts[c.status] < total ? ` ${c.counts[c.status]}/${total}` : '';
}

function markOf(c: MatrixCell | undefined, kind: MatrixRow['kind']): string {
  if (c === undefined) {
    return '';
  }
  return `${MARK[c.status]}${cellCount(c, kind)}${c.note === undefined ? '' : ` [${c.note}]`}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const s = ms / 1000;
  return s < 120 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function outcomeText(report: ConformanceReport): string {
  const { outcome, endReason } = report.run;
  return outcome === 'interrupted' ? `INTERRUPTED (${endReason})` : outcome === 'failed' ? 'FAILED' : 'passed';
}

function driftMarkdown(tables: readonly DriftTable[]): string[] {
  const lines: string[] = [];
  for (const table of tables) {
    lines.push(`### ${table.title}`, '', row(['', ...table.columns]), row(['---', ...table.columns.map(() => '---')]));
    for (const r of table.rows) {
      lines.push(row([r.ok ? MARK.passed : MARK.failed, ...r.cells]));
    }
    lines.push('', ...(table.notes ?? []).map((note) => `- ${note}`), '');
  }
  return lines;
}

export function renderMarkdown(report: ConformanceReport, matrix: CompatMatrix): string {
  const { run } = report;
  const lines = [
    `# Conformance run ${report.runId}: ${outcomeText(report)}`,
    '',
    `Started ${run.startedAt}, took ${formatDuration(run.durationMs)}. ${MARK.passed} pass · ${MARK.failed} fail · ${MARK.skipped} skip · ${MARK.pending} did not finish · [n] reason below`,
    '',
    row(['project', 'target', 'passed', 'failed', 'skipped', 'of which errors outside checks']),
    row(['---', '---', '---:', '---:', '---:', '---:']),
    ...report.projects.map((p) =>
      row([p.project, p.target, String(p.passed), String(p.failed), String(p.skipped), String(p.errors)]),
    ),
    '',
  ];
  if (matrix.rows.length === 0) {
    lines.push(
      run.interrupted ? 'No conformance case finished before the run ended.' : 'No conformance cases ran.',
      '',
    );
  } else {
    lines.push('## Matrix', '', row(['card', 'check', ...matrix.columns.map((c) => c.project)]));
    lines.push(row(['---', '---', ...matrix.columns.map(() => ':---:')]));
    let previousCard: string | undefined;
    for (const r of matrix.rows) {
      const card = r.card === previousCard ? '' : r.card;
      previousCard = r.card;
      const check = r.kind === 'error' ? `**${r.check}**` : `\`${r.check}\``;
      lines.push(row([card, check, ...matrix.columns.map(({ project }) => markOf(r.cells[project], r.kind))]));
    }
    lines.push('');
  }
  if (matrix.notes.length > 0) {
    lines.push('## Reasons', '');
    for (const note of matrix.notes) {
      const shared = note.cells > 1 ? ` (${note.cells} cells)` : '';
      lines.push(`${note.n}. ${NOTE_LABEL[note.kind]}${shared}: ${note.text.replaceAll('\n', ' ')}`);
    }
    lines.push('');
  }
  if (report.errors.length > 0) {
    lines.push('## Errors outside checks (each one fails its project)', '');
    for (const e of report.errors) {
      const request = e.request === undefined ? '' : ` — ${formatRequest(e.request)}`;
      lines.push(
        `- **${e.project ?? 'run'}** ${e.where}${request}`,
        '',
        '  ```',
        ...e.message.split('\n').map((l) => `  ${l}`),
        '  ```',
      );
    }
    lines.push('');
  }
  if (report.drift.length > 0) {
    lines.push('## Drift', '', ...driftMarkdown(report.drift));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
