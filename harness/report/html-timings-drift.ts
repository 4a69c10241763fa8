/** The HTML report's lower sections: lifecycle phase timings as bars, and drift tables as they come. */
import type { DriftTable } from './drift-slot.ts';
import { html, type Html } from './html.ts';
import type { ProjectTimings } from './phase-timings.ts';
import { formatDuration } from './render-markdown.ts';

const PASS = '✓';
const FAIL = '✗';

export function timingsSection(timings: readonly ProjectTimings[]): Html {
  if (timings.length === 0) {
    return html``;
  }
  const tables = timings.map(({ project, phases }) => {
    const scale = Math.max(1, ...phases.map((p) => p.maxWallMs));
    const pct = (ms: number): string => `${((ms / scale) * 100).toFixed(1)}%`;
    const rows = phases.map(
      (p) =>
        html`<tr>
          <th>${p.phase}</th>
          <td class="num">${p.count}</td>
          <td class="bar">
            <div
              class="track"
              title="median ${p.medianWallMs} ms wall${p.medianServerMs === undefined ? '' : `, ${p.medianServerMs} ms on the server`}, max ${p.maxWallMs} ms"
            >
              <div class="wall" style="width:${pct(p.medianWallMs)}"></div>
              ${p.medianServerMs === undefined ? '' : html`<div class="server" style="width:${pct(p.medianServerMs)}"></div>`}
              <div class="max" style="left:${pct(p.maxWallMs)}"></div>
            </div>
          </td>
          <td class="num">${formatDuration(p.medianWallMs)}</td>
          <td class="num">${p.medianServerMs === undefined ? '–' : formatDuration(p.medianServerMs)}</td>
          <td class="num">${formatDuration(p.maxWallMs)}</td>
          <td class="num">${p.failed}</td>
        </tr>`,
    );
    return html`<h3><code>${project}</code></h3>
      <table class="bars">
        <thead>
          <tr>
            <th>phase</th>
            <th class="num">n</th>
            <th>median wall (light), server (dark), max (red)</th>
            <th class="num">median</th>
            <th class="num">server</th>
            <th class="num">max</th>
            <th class="num">failed</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>`;
  });
  return html`<section id="timings">
    <h2>Lifecycle phase timings</h2>
    ${tables}
  </section>`;
}

export function driftSection(tables: readonly DriftTable[]): Html {
  if (tables.length === 0) {
    return html``;
  }
  const rendered = tables.map((t) => {
    const rows = t.rows.map(
      (r) =>
        html`<tr class="${r.ok ? 'ok' : 'drifted'}">
          <td class="cell ${r.ok ? 'passed' : 'failed'}">${r.ok ? PASS : FAIL}</td>
          ${r.cells.map((c) => html`<td>${c}</td>`)}
        </tr>`,
    );
    const notes = (t.notes ?? []).map((n) => html`<li>${n}</li>`);
    return html`<h3>${t.title}</h3>
      <table class="matrix drift">
        <thead>
          <tr>
            <th></th>
            ${t.columns.map((c) => html`<th>${c}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
      ${
        notes.length === 0
          ? ''
          : html`<ul>
              ${notes}
            </ul>`
      }`;
  });
  return html`<section id="drift">
    <h2>Drift</h2>
    ${rendered}
  </section>`;
}
