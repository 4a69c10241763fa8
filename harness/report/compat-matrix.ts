/**
 * The compatibility matrix: one row per card × check, one column per target (project). A cell aggregates its cases
 * (e.g. every probe) worst-wins and keeps the first reason, so a skip shows why.
 */
import { worstStatus, type CaseResult, type CaseStatus, type ConformanceReport } from './report-model.ts';

export interface MatrixCell {
  readonly status: CaseStatus;
  readonly cases: number;
  readonly message?: string;
}

export interface CompatMatrix {
  readonly runId: string;
  readonly columns: readonly { readonly project: string; readonly target: string }[];
  readonly rows: readonly {
    readonly card: string;
    readonly check: string;
    readonly cells: Record<string, MatrixCell>;
  }[];
}

export function buildMatrix(report: ConformanceReport): CompatMatrix {
  const groups = new Map<string, Map<string, CaseResult[]>>();
  for (const c of report.cases) {
    const rowKey = `${c.meta.card}\u0000${c.meta.check}`;
    const row = groups.get(rowKey) ?? new Map<string, CaseResult[]>();
    row.set(c.project, [...(row.get(c.project) ?? []), c]);
    groups.set(rowKey, row);
  }
  const rows = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, byProject]) => {
      const [card = '', check = ''] = key.split('\u0000');
      const cells: Record<string, MatrixCell> = {};
      for (const [project, cases] of byProject) {
        const status = worstStatus(cases.map((c) => c.status));
        const message = cases.find((c) => c.status === status && c.message !== undefined)?.message;
        cells[project] =
          message === undefined ? { status, cases: cases.length } : { status, cases: cases.length, message };
      }
      return { card, check, cells };
    });
  return {
    runId: report.runId,
    columns: report.projects.map((p) => ({ project: p.project, target: p.target })),
    rows,
  };
}

const ICON: Record<CaseStatus, string> = { passed: 'pass', failed: 'FAIL', skipped: 'skip', pending: 'not run' };

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function renderMatrixMarkdown(matrix: CompatMatrix): string {
  const header = ['card', 'check', ...matrix.columns.map((c) => `${c.project} (${c.target})`)];
  const lines = [
    `# Compatibility matrix — run ${matrix.runId}`,
    '',
    `| ${header.map(escapeCell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
  ];
  for (const row of matrix.rows) {
    const cells = matrix.columns.map(({ project }) => {
      const cell = row.cells[project];
      if (cell === undefined) {
        return '';
      }
      const text = cell.message === undefined ? ICON[cell.status] : `${ICON[cell.status]}: ${cell.message}`;
      return escapeCell(text.length > 160 ? `${text.slice(0, 157)}...` : text);
    });
    lines.push(`| ${[row.card, row.check, ...cells].map(escapeCell).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
