/**
 * The compatibility matrix: one row per card × check, one column per project (target/version). A cell aggregates its
 * cases (e.g. every probe) worst-wins. Reasons are footnotes, numbered in order of first appearance and written once
 * however many cells share them; errors outside the checks get their own row in their card's group (a failure in
 * that project's column), so no report can show an all-green matrix for a run that failed.
 */
import { CHECKS, catalogOrder, type CheckId } from '../checks/catalog/index.ts';
import type { RequestSummary } from './case-meta.ts';
import { formatRequest } from './error-request.ts';
import {
  worstStatus,
  type CaseResult,
  type CaseStatus,
  type ConformanceReport,
  type RunError,
} from './report-model.ts';

export type NoteKind = 'skip' | 'fail' | 'pending' | 'error';

export interface Footnote {
  readonly n: number;
  readonly kind: NoteKind;
  readonly text: string;
  /** How many cells point at it. */
  readonly cells: number;
}

export interface MatrixCell {
  readonly status: CaseStatus;
  readonly counts: Readonly<Record<CaseStatus, number>>;
  /** Footnote of the worst status' reason (skips, failures, unfinished cases, errors). */
  readonly note?: number;
  /** The case ids (or error id) behind the cell, worst first: the HTML links a failed cell to its details. */
  readonly refs: readonly string[];
}

export interface MatrixRow {
  readonly card: string;
  /** Check id, or `errors outside checks`. */
  readonly check: string;
  readonly title: string;
  readonly kind: 'check' | 'error';
  readonly cells: Readonly<Record<string, MatrixCell>>;
}

export interface MatrixColumn {
  readonly project: string;
  readonly target: string;
}

export interface CompatMatrix {
  readonly runId: string;
  readonly columns: readonly MatrixColumn[];
  readonly rows: readonly MatrixRow[];
  readonly notes: readonly Footnote[];
}

export const ERROR_ROW = 'errors outside checks';
/** Column for errors that cannot be attributed to one project. */
export const RUN_COLUMN = '(run)';

function isCheckId(id: string): id is CheckId {
  return Object.hasOwn(CHECKS, id);
}

export function checkTitle(check: string): string {
  return isCheckId(check) ? CHECKS[check].title : check;
}

function checkRank(check: string): number {
  return isCheckId(check) ? catalogOrder(check) : Number.MAX_SAFE_INTEGER;
}

/** Cards alphabetically with `-` (not about one card) last; checks in catalog order; the error row last. */
function compareRows(a: MatrixRow, b: MatrixRow): number {
  const card = (c: string): string => (c === '-' ? '\uffff' : c);
  return (
    card(a.card).localeCompare(card(b.card)) ||
    Number(a.kind === 'error') - Number(b.kind === 'error') ||
    checkRank(a.check) - checkRank(b.check) ||
    a.check.localeCompare(b.check)
  );
}

class Notes {
  private readonly byKey = new Map<string, { n: number; kind: NoteKind; text: string; cells: number }>();

  ref(kind: NoteKind, text: string): number {
    const key = `${kind}\u0000${text}`;
    const note = this.byKey.get(key) ?? { n: this.byKey.size + 1, kind, text, cells: 0 };
    note.cells += 1;
    this.byKey.set(key, note);
    return note.n;
  }

  /** In number order: a note is numbered when first added, and a Map keeps that order. */
  list(): Footnote[] {
    return [...this.byKey.values()];
  }
}

const NOTE_KIND: Record<CaseStatus, NoteKind | undefined> = {
  passed: undefined,
  skipped: 'skip',
  failed: 'fail',
  pending: 'pending',
};

/** The request in parentheses, unless the message already starts with it (the ML client's HTTP errors do). */
function withRequest(text: string, request: RequestSummary | undefined, prefix = ''): string {
  return request === undefined || text.includes(`${request.method} ${request.path}`)
    ? text
    : `${text} (${prefix}${formatRequest(request)})`;
}

function caseNoteText(c: CaseResult): string {
  const request = c.failure?.request;
  return withRequest(c.message ?? c.status, request, request?.role === 'last' ? 'last request: ' : '');
}

function errorNoteText(e: RunError): string {
  return withRequest(`${e.where}: ${e.message.split('\n', 1)[0] ?? e.message}`, e.request);
}

function emptyCounts(): Record<CaseStatus, number> {
  return { passed: 0, failed: 0, skipped: 0, pending: 0 };
}

export function buildMatrix(report: ConformanceReport): CompatMatrix {
  const groups = new Map<string, { card: string; check: string; byProject: Map<string, CaseResult[]> }>();
  for (const c of report.cases) {
    const key = `${c.meta.card}\u0000${c.meta.check}`;
    const group = groups.get(key) ?? {
      card: c.meta.card,
      check: c.meta.check,
      byProject: new Map<string, CaseResult[]>(),
    };
    group.byProject.set(c.project, [...(group.byProject.get(c.project) ?? []), c]);
    groups.set(key, group);
  }
  const rows: MatrixRow[] = [...groups.values()].map(({ card, check, byProject }) => {
    const cells: Record<string, MatrixCell> = {};
    for (const [project, cases] of byProject) {
      const counts = emptyCounts();
      cases.forEach((c) => (counts[c.status] += 1));
      const status = worstStatus(cases.map((c) => c.status));
      const worst = cases.filter((c) => c.status === status);
      cells[project] = {
        status,
        counts,
        refs: [...worst, ...cases.filter((c) => c.status !== status)].map((c) => c.caseId),
      };
    }
    return { card, check, title: checkTitle(check), kind: 'check', cells };
  });

  const errorRows = new Map<string, Record<string, MatrixCell>>();
  for (const e of report.errors) {
    const card = e.card ?? '-';
    const cells = errorRows.get(card) ?? {};
    const column = e.project ?? RUN_COLUMN;
    const previous = cells[column];
    cells[column] = {
      status: 'failed',
      counts: { ...emptyCounts(), failed: (previous?.counts.failed ?? 0) + 1 },
      refs: [...(previous?.refs ?? []), e.id],
    };
    errorRows.set(card, cells);
  }
  for (const [card, cells] of errorRows) {
    rows.push({ card, check: ERROR_ROW, title: 'errors in hooks, setup, teardown or loading', kind: 'error', cells });
  }
  rows.sort(compareRows);

  // Footnotes are numbered in reading order: row by row, column by column.
  const columns: MatrixColumn[] = report.projects.map((p) => ({ project: p.project, target: p.target }));
  const notes = new Notes();
  const casesById = new Map(report.cases.map((c) => [c.caseId, c]));
  const errorsById = new Map(report.errors.map((e) => [e.id, e]));
  const numbered = rows.map((row) => {
    const cells: Record<string, MatrixCell> = {};
    for (const { project } of columns) {
      const cell = row.cells[project];
      if (cell === undefined) {
        continue;
      }
      const kind = row.kind === 'error' ? 'error' : NOTE_KIND[cell.status];
      const [first] = cell.refs;
      const error = row.kind === 'error' && first !== undefined ? errorsById.get(first) : undefined;
      const c = row.kind === 'check' && first !== undefined ? casesById.get(first) : undefined;
      const text = error !== undefined ? errorNoteText(error) : c !== undefined ? caseNoteText(c) : undefined;
      cells[project] = kind === undefined || text === undefined ? cell : { ...cell, note: notes.ref(kind, text) };
    }
    return { ...row, cells };
  });
  return { runId: report.runId, columns, rows: numbered, notes: notes.list() };
}
