/**
 * The whole page of the sample report against a reviewed copy (fixtures/report/sample-report.html): every mark,
 * class, anchor and text of the HTML is checked, not only the parts the other tests pick out. After an intended
 * change, review the diff and update the copy with `npx vitest run --project unit -u <this file>`.
 */
import { describe, expect, it } from 'vitest';
import { buildMatrix } from './compat-matrix.ts';
import { resolveFromRepo } from '../models/repo-paths.ts';
import { renderHtml } from './render-html.ts';
import { buildReport } from './report-model.ts';
import { sampleReport } from './testing/sample-report.ts';

describe('renderHtml of the sample report', () => {
  it('is the reviewed page', async () => {
    const report = sampleReport();
    await expect(renderHtml(report, buildMatrix(report))).toMatchFileSnapshot(
      resolveFromRepo('fixtures/report/sample-report.html'),
    );
  });

  it('says so when nothing ran, when the run was cut short, and when no project reported', () => {
    const empty = buildReport({ runId: 'r', cases: [] }, new Date(0));
    const page = renderHtml(empty, buildMatrix(empty));
    expect(page).toContain('<p class="muted">No conformance cases ran.</p>');
    expect(page).toContain('no project reported');
    expect(page).toContain('<dd>none</dd>');
    expect(page).toContain('<dd id="interrupted">no</dd>');
    expect(page).not.toMatch(/id="(notes|errors|failures|timings|drift)"/);
    const cut = buildReport({ runId: 'r', cases: [], run: { interrupted: true, endReason: 'SIGINT' } }, new Date(0));
    const cutPage = renderHtml(cut, buildMatrix(cut));
    expect(cutPage).toContain('No conformance case finished before the run ended.');
    expect(cutPage).toContain('<dd id="interrupted">yes — SIGINT</dd>');
    expect(cutPage).toContain('<title>Conformance r: INTERRUPTED (SIGINT)</title>');
  });
});
