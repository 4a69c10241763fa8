/** The HTML as text: structure, escaping and links; the Chromium test checks what a browser makes of it. */
import { describe, expect, it } from 'vitest';
import { buildMatrix } from './compat-matrix.ts';
import { renderHtml } from './render-html.ts';
import type { ConformanceReport } from './report-model.ts';
import { sampleReport } from './testing/sample-report.ts';

// Whitespace between tags is layout only (the templates are formatted by Prettier): compare without it.
function flat(page: string): string {
  return page.replace(/\s+/g, ' ').replace(/> </g, '><').replace(/ >/g, '>');
}

describe('renderHtml', () => {
  const report = sampleReport();
  // Rendered inside each test (not when the describe is collected), so a mutant switched on for the test is seen.
  const page = (): string => flat(renderHtml(report, buildMatrix(report)));

  it('is one self-contained file: no script, stylesheet link, image or other URL to fetch', () => {
    expect(page().startsWith('<!doctype html>')).toBe(true);
    expect(page()).not.toMatch(/<script|<link|<img|src=|url\(|@import/i);
    expect(page()).not.toMatch(/https?:\/\//);
  });

  it('escapes every text it shows', () => {
    expect(page()).toContain('URL &lt;not&gt; trusted');
    expect(page()).not.toContain('<not>');
  });

  it('links a skipped cell to its reason and a failed cell to its details, and every link has its target', () => {
    expect(page()).toMatch(
      /<td class="cell skipped" data-project="live:3.6.0" data-status="skipped" title="[^"]*"><a href="#note-4">–<sup>4<\/sup><\/a><\/td>/,
    );
    expect(page()).toMatch(
      /<td class="cell failed" data-project="live:3.6.0"[^>]*><a href="#failure-3">✗<sup>5<\/sup><\/a>/,
    );
    const targets = new Set([...page().matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const links = [...page().matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((l) => !targets.has(l))).toEqual([]);
  });

  it('shows the run metadata, failures with their request, timing bars and drift', () => {
    expect(page()).toContain('<span class="badge failed" id="outcome">FAILED</span>');
    expect(page()).toContain('<dd id="interrupted">no</dd>');
    expect(page()).toContain('harness 0.1.0 · Vitest 5.1.1 · Node 24.0.0');
    expect(page()).toMatch(
      /failed request: POST \/_plugins\/_ml\/models\/_register → <span class="status">400<\/span>/,
    );
    expect(page()).toMatch(/last request: GET \/_plugins\/_ml\/models\/m1 → <span class="status">200<\/span>/);
    expect(page()).toContain(
      '<div class="wall" style="width:57.1%"></div><div class="server" style="width:36.4%"></div>',
    );
    expect(page()).toContain('<h3>Drift across versions in this run</h3>');
  });
});

describe('renderHtml, optional parts', () => {
  const base = sampleReport();
  const report: ConformanceReport = {
    ...base,
    run: { ...base.run, targets: [...base.run.targets, { project: 'offline:x', target: 'simulator x' }] },
    cases: [
      ...base.cases,
      {
        caseId: 'live:3.6.0:lifecycle:tiny-onnx-sym:lifecycle.deploy',
        project: 'live:3.6.0',
        target: 'native 3.6.0',
        meta: { suite: 'lifecycle', check: 'lifecycle.deploy', card: 'tiny-onnx-sym' },
        title: 'deploy',
        status: 'failed',
        durationMs: 5,
        message: 'summary of the failure',
        failure: {
          message: 'the failure itself',
          request: { method: 'POST', path: '/_plugins/_ml/models/m/_deploy', role: 'failed' },
        },
      },
    ],
    errors: [
      ...base.errors,
      { id: '(run):unhandled:u', kind: 'unhandled', where: 'uncaught exception', message: 'boom' },
    ],
  };
  // Rendered inside each test (not when the describe is collected), so a mutant switched on for the test is seen.
  const page = (): string => flat(renderHtml(report, buildMatrix(report)));

  it('names a target’s OpenSearch version only when it is known', () => {
    expect(page()).toContain('<code>live:3.6.0</code> → native 3.6.0 (OpenSearch 3.6.0) </div>');
    expect(page()).toContain('<code>offline:x</code> → simulator x </div>');
  });

  it('says "no answer" for a request without a status, and shows the failure’s own message', () => {
    expect(page()).toContain(
      'failed request: POST /_plugins/_ml/models/m/_deploy → <span class="status">no answer</span></div><pre>the failure itself</pre>',
    );
  });

  it('labels a case with its variant only when it has one', () => {
    expect(page()).toContain('live:3.6.0 · tiny-onnx-sym · lifecycle.deploy</summary>');
    expect(page()).toContain('offline:2.11-2.13 · tiny-onnx-asym · lifecycle.delete</summary>');
  });

  it('attributes an error without a project to the run, without a request line', () => {
    expect(page()).toMatch(/<summary>the run: uncaught exception<\/summary><pre>boom<\/pre>/);
  });

  it('labels the row of errors that are not about one card', () => {
    expect(page()).toContain('not about one card');
  });
});
