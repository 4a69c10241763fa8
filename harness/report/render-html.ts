/**
 * `index.html`: the last run at a glance, self-contained (inline styles, no script, no network) so it opens from the
 * file system and from a CI artifact. Top to bottom: outcome and run metadata, counts per target, errors outside the
 * checks, the card × check × target matrix (marks and colours; a skip links to its reason, a failure to its details),
 * the reasons (each written once), the failures with their message and request, phase timings as bars, drift tables.
 */
import type { CompatMatrix, MatrixCell, MatrixRow } from './compat-matrix.ts';
import { HTML_STYLE } from './html-style.ts';
import { html, raw, type Html } from './html.ts';
import { driftSection, timingsSection } from './html-timings-drift.ts';
import { phaseTimings } from './phase-timings.ts';
import { cellCount, formatDuration, outcomeText } from './render-markdown.ts';
import type { CaseResult, CaseStatus, ConformanceReport, RunError } from './report-model.ts';
import type { RequestSummary } from './case-meta.ts';

const MARK: Record<CaseStatus, string> = { passed: '✓', failed: '✗', skipped: '–', pending: '…' };
const STATUS_WORD: Record<CaseStatus, string> = {
  passed: 'pass',
  failed: 'FAIL',
  skipped: 'skip',
  pending: 'did not finish',
};
const NOTE_WORD = { skip: 'skipped', fail: 'failed', pending: 'did not finish', error: 'error' } as const;

interface Anchors {
  /** case id or error id → element id of its details. */
  readonly details: ReadonlyMap<string, string>;
}

function requestLine(request: RequestSummary, prefix = ''): Html {
  const status = request.status === undefined ? 'no answer' : String(request.status);
  return html`<div class="request">
    ${prefix}${request.method} ${request.path} → <span class="status">${status}</span>
  </div>`;
}

function header(report: ConformanceReport): Html {
  const { run } = report;
  const targets = run.targets.map(
    (t) =>
      html`<div>
        <code>${t.project}</code> → ${t.target}${t.version === undefined ? '' : ` (OpenSearch ${t.version})`}
      </div>`,
  );
  return html`<header>
    <h1>
      Conformance run <code>${report.runId}</code>
      <span class="badge ${run.outcome}" id="outcome">${outcomeText(report)}</span>
    </h1>
    <dl class="meta">
      <dt>started</dt>
      <dd>${run.startedAt}</dd>
      <dt>took</dt>
      <dd>${formatDuration(run.durationMs)}</dd>
      <dt>interrupted</dt>
      <dd id="interrupted">${run.interrupted ? `yes — ${run.endReason}` : 'no'}</dd>
      <dt>targets</dt>
      <dd>${targets.length === 0 ? 'none' : targets}</dd>
      <dt>versions</dt>
      <dd>harness ${run.versions.harness} · Vitest ${run.versions.vitest} · Node ${run.versions.node}</dd>
      <dt>written</dt>
      <dd>${report.generatedAt}</dd>
    </dl>
  </header>`;
}

function summary(report: ConformanceReport): Html {
  const rows = report.projects.map(
    (p) =>
      html`<tr>
        <th><code>${p.project}</code></th>
        <td>${p.target}</td>
        <td class="num">${p.passed}</td>
        <td class="num">${p.failed}</td>
        <td class="num">${p.skipped}</td>
        <td class="num">${p.errors}</td>
      </tr>`,
  );
  return html`<section id="summary">
    <h2>Per target</h2>
    <table>
      <thead>
        <tr>
          <th>project</th>
          <th>target</th>
          <th class="num">passed</th>
          <th class="num">failed</th>
          <th class="num">skipped</th>
          <th class="num">of which errors outside checks</th>
        </tr>
      </thead>
      <tbody>
        ${
          rows.length === 0
            ? html`<tr>
                <td colspan="6" class="muted">no project reported</td>
              </tr>`
            : rows
        }
      </tbody>
    </table>
  </section>`;
}

function cellHtml(row: MatrixRow, project: string, cell: MatrixCell | undefined, anchors: Anchors): Html {
  if (cell === undefined) {
    return html`<td class="cell none" data-project="${project}"></td>`;
  }
  const partial = cellCount(cell, row.kind);
  const title = `${row.card} · ${row.check} · ${project}: ${STATUS_WORD[cell.status]} (${(
    ['passed', 'failed', 'skipped', 'pending'] as const
  )
    .filter((s) => cell.counts[s] > 0)
    .map((s) => `${cell.counts[s]} ${s}`)
    .join(', ')})`;
  const [first] = cell.refs;
  const detail = first === undefined ? undefined : anchors.details.get(first);
  const note = cell.note === undefined ? '' : html`<sup>${cell.note}</sup>`;
  const target =
    cell.status === 'skipped' || detail === undefined
      ? cell.note === undefined
        ? undefined
        : `note-${cell.note}`
      : detail;
  const mark = html`${MARK[cell.status]}${partial}${note}`;
  const body = target === undefined ? mark : html`<a href="#${target}">${mark}</a>`;
  return html`<td class="cell ${cell.status}" data-project="${project}" data-status="${cell.status}" title="${title}">
    ${body}
  </td>`;
}

function matrixSection(matrix: CompatMatrix, anchors: Anchors, interrupted: boolean): Html {
  if (matrix.rows.length === 0) {
    const text = interrupted ? 'No conformance case finished before the run ended.' : 'No conformance cases ran.';
    return html`<section id="matrix">
      <h2>Matrix</h2>
      <p class="muted">${text}</p>
    </section>`;
  }
  const head = matrix.columns.map(
    (c) => html`<th class="col"><code>${c.project}</code><small>${c.target}</small></th>`,
  );
  const body: Html[] = [];
  let previousCard: string | undefined;
  for (const row of matrix.rows) {
    if (row.card !== previousCard) {
      const label = row.card === '-' ? 'not about one card' : row.card;
      body.push(
        html`<tr class="card">
          <th colspan="${matrix.columns.length + 1}">${label}</th>
        </tr>`,
      );
      previousCard = row.card;
    }
    const cells = matrix.columns.map((c) => cellHtml(row, c.project, row.cells[c.project], anchors));
    const label = row.kind === 'error' ? html`${row.check}` : html`<code>${row.check}</code>`;
    body.push(
      html`<tr
        class="${row.kind === 'error' ? 'error-row' : 'check-row'}"
        data-card="${row.card}"
        data-check="${row.check}"
      >
        <th class="check">${label}<span class="title">${row.title}</span></th>
        ${cells}
      </tr>`,
    );
  }
  return html`<section id="matrix">
    <h2>Matrix</h2>
    <p class="legend">
      <span>✓ pass</span><span>✗ fail</span><span>– skipped</span><span>… did not finish</span
      ><span><sup>n</sup> reason n below</span>
    </p>
    <table class="matrix">
      <thead>
        <tr>
          <th>card · check</th>
          ${head}
        </tr>
      </thead>
      <tbody>
        ${body}
      </tbody>
    </table>
  </section>`;
}

function notesSection(matrix: CompatMatrix): Html {
  if (matrix.notes.length === 0) {
    return html``;
  }
  const items = matrix.notes.map(
    (n) =>
      html`<li id="note-${n.n}" value="${n.n}">
        <span class="kind ${n.kind}">${NOTE_WORD[n.kind]}</span> ${n.text}
        ${n.cells > 1 ? html` <span class="count">(${n.cells} cells)</span>` : ''}
      </li>`,
  );
  return html`<section id="notes">
    <h2>Reasons</h2>
    <ol class="notes">
      ${items}
    </ol>
  </section>`;
}

function errorsSection(errors: readonly RunError[], anchors: Anchors): Html {
  if (errors.length === 0) {
    return html``;
  }
  const items = errors.map(
    (e) =>
      html`<details class="run-error" id="${anchors.details.get(e.id) ?? ''}" open>
        <summary>${e.project ?? 'the run'}: ${e.where}</summary>
        ${e.request === undefined ? '' : requestLine(e.request)}
        <pre>${e.message}</pre>
      </details>`,
  );
  return html`<section id="errors">
    <h2>Errors outside checks (${errors.length}, each one fails its project)</h2>
    ${items}
  </section>`;
}

function caseLabel(c: CaseResult): string {
  const variant = c.meta.variant === undefined ? '' : ` [${c.meta.variant}]`;
  return `${c.project} · ${c.meta.card} · ${c.meta.check}${variant}`;
}

function failuresSection(failures: readonly CaseResult[], anchors: Anchors): Html {
  if (failures.length === 0) {
    return html``;
  }
  const items = failures.map((c) => {
    const request = c.failure?.request;
    return html`<details class="failure" id="${anchors.details.get(c.caseId) ?? ''}" open>
      <summary>${MARK[c.status]} ${caseLabel(c)}</summary>
      ${request === undefined ? '' : requestLine(request, request.role === 'last' ? 'last request: ' : 'failed request: ')}
      <pre>${c.failure?.message ?? c.message ?? STATUS_WORD[c.status]}</pre>
      <div class="muted">${c.title} · ${formatDuration(c.durationMs)}</div>
    </details>`;
  });
  return html`<section id="failures">
    <h2>Failures (${failures.length})</h2>
    ${items}
  </section>`;
}

export function renderHtml(report: ConformanceReport, matrix: CompatMatrix): string {
  // Failures in the matrix's reading order (row by row, column by column), so details follow the page.
  const casesById = new Map(report.cases.map((c) => [c.caseId, c]));
  const failures = matrix.rows
    .flatMap((row) => matrix.columns.flatMap(({ project }) => row.cells[project]?.refs ?? []))
    .map((ref) => casesById.get(ref))
    .filter((c): c is CaseResult => c !== undefined && (c.status === 'failed' || c.status === 'pending'));
  const details = new Map<string, string>();
  report.errors.forEach((e, i) => details.set(e.id, `error-${i + 1}`));
  failures.forEach((c, i) => details.set(c.caseId, `failure-${i + 1}`));
  const anchors: Anchors = { details };
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${`Conformance ${report.runId}: ${outcomeText(report)}`}</title>
        <style>
          ${raw(HTML_STYLE)}
        </style>
      </head>
      <body>
        <main>
          ${header(report)} ${summary(report)} ${errorsSection(report.errors, anchors)}
          ${matrixSection(matrix, anchors, report.run.interrupted)} ${notesSection(matrix)}
          ${failuresSection(failures, anchors)} ${timingsSection(phaseTimings(report))} ${driftSection(report.drift)}
          <footer>
            opensearch-ml-conformance · ${report.format} · conformance.json has every case · ${report.generatedAt}
          </footer>
        </main>
      </body>
    </html> `;
  return page.html;
}
