/** The whole Markdown of the sample report, line by line, and the helpers it shares with the HTML. */
import { describe, expect, it } from 'vitest';
import { buildMatrix, type MatrixCell } from './compat-matrix.ts';
import { cellCount, formatDuration, outcomeText, renderMarkdown } from './render-markdown.ts';
import { buildReport } from './report-model.ts';
import { sampleReport } from './testing/sample-report.ts';

describe('renderMarkdown of the sample report', () => {
  it('is exactly this text', () => {
    const report = sampleReport();
    expect(renderMarkdown(report, buildMatrix(report)).split('\n')).toEqual([
      '# Conformance run r20261202t100000-abcd: FAILED',
      '',
      'Started 2026-12-02T10:00:00.000Z, took 7.4 s. ✅ pass · ❌ fail · ⚪ skip · ⏳ did not finish · [n] reason below',
      '',
      '| project | target | passed | failed | skipped | of which errors outside checks |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      '| offline:2.11-2.13 | simulator 2.11-2.13 | 2 | 2 | 2 | 1 |',
      '| live:3.6.0 | native 3.6.0 | 0 | 2 | 2 | 0 |',
      '',
      '## Matrix',
      '',
      '| card | check | offline:2.11-2.13 | live:3.6.0 |',
      '| --- | --- | :---: | :---: |',
      '| tiny-onnx-asym | `lifecycle.delete` | ❌ [1] | ⏳ [2] |',
      '|  | `asymmetric.divergence` | ⚪ [3] | ⚪ [4] |',
      '| tiny-onnx-sym | `lifecycle.register` | ✅ | ❌ [5] |',
      '|  | `lifecycle.embedding` | ⚪ 1/2 [6] | ⚪ [4] |',
      '|  | **errors outside checks** | ❌ [7] |  |',
      '',
      '## Reasons',
      '',
      "1. failed: expected 'DEPLOYED' to be 'UNDEPLOYED' (last request: GET /_plugins/_ml/models/m1 → 200)",
      '2. did not finish: did not finish',
      '3. skipped: needs OpenSearch >=2.14.0 (content_type); target is 2.13.0',
      '4. skipped (2 cells): no live target: OPENSEARCH_URL is not set; no container runtime',
      '5. failed: POST /_plugins/_ml/models/_register → 400: URL <not> trusted',
      '6. skipped: probe has no golden vector',
      '7. error outside checks: afterAll of "lifecycle · tiny-onnx-sym" in suites/lifecycle.spec.ts: leak: model omlc-x-model is still DEPLOYED (POST /_plugins/_ml/models/_search → 200)',
      '',
      '## Errors outside checks (each one fails its project)',
      '',
      '- **offline:2.11-2.13** afterAll of "lifecycle · tiny-onnx-sym" in suites/lifecycle.spec.ts — POST /_plugins/_ml/models/_search → 200',
      '',
      '  ```',
      '  leak: model omlc-x-model is still DEPLOYED',
      '  ```',
      '',
      '## Drift',
      '',
      '### Drift across versions in this run',
      '',
      '|  | card | from | to | worst cosine |',
      '| --- | --- | --- | --- | --- |',
      '| ✅ | tiny-onnx-sym | native 2.19.6 | native 3.6.0 | 0.99999 |',
      '| ❌ | tiny-torchscript | native 2.19.6 | native 3.6.0 | 0.91 |',
      '',
      '- tiny-onnx-asym: refused on 2.19.6',
      '',
    ]);
  });

  it('names the run for an error of no project, quotes every line of its message, and ends a passed run plainly', () => {
    const report = buildReport(
      {
        runId: 'r',
        cases: [],
        errors: [{ id: 'e', kind: 'unhandled', where: 'unhandled error', message: 'first\nsecond' }],
      },
      new Date(0),
    );
    const text = renderMarkdown(report, buildMatrix(report));
    expect(text).toContain(['- **run** unhandled error', '', '  ```', '  first', '  second', '  ```'].join('\n'));
    const passed = buildReport({ runId: 'r', cases: [] }, new Date(0));
    expect(renderMarkdown(passed, buildMatrix(passed)).split('\n')[0]).toBe('# Conformance run r: passed');
    expect(renderMarkdown(passed, buildMatrix(passed)).endsWith('No conformance cases ran.\n')).toBe(true);
  });

  it('says so when no case ran, and when the run was interrupted before any finished', () => {
    const empty = buildReport({ runId: 'r', cases: [] }, new Date(0));
    expect(renderMarkdown(empty, buildMatrix(empty))).toContain('No conformance cases ran.');
    const cut = buildReport({ runId: 'r', cases: [], run: { interrupted: true, endReason: 'SIGINT' } }, new Date(0));
    const text = renderMarkdown(cut, buildMatrix(cut));
    expect(text).toContain('# Conformance run r: INTERRUPTED (SIGINT)');
    expect(text).toContain('No conformance case finished before the run ended.');
  });

  it('escapes pipes and newlines inside cells', () => {
    const report = sampleReport();
    const tricky = { ...report, projects: [{ ...report.projects[0], target: 'a | b\nc' }] } as typeof report;
    expect(renderMarkdown(tricky, buildMatrix(tricky))).toContain('| a \\| b c |');
  });
});

describe('renderMarkdown, reasons and drift notes', () => {
  it('writes a reason on one line, and a drift table without notes without a bullet', () => {
    const failed = {
      caseId: 'p:lifecycle:c:lifecycle.register',
      project: 'p',
      target: 't',
      meta: { suite: 'lifecycle', check: 'lifecycle.register', card: 'c' },
      title: 'register',
      status: 'failed',
      durationMs: 1,
      message: 'expected 1\nto be 2',
    } as const;
    const drift = [{ title: 'Drift', columns: ['card'], rows: [{ cells: ['c'], ok: true }] }];
    const report = buildReport({ runId: 'r', cases: [failed], drift }, new Date(0));
    const lines = renderMarkdown(report, buildMatrix(report)).split('\n');
    expect(lines).toContain('1. failed: expected 1 to be 2');
    expect(lines.filter((line) => line.startsWith('- '))).toEqual([]);
  });
});

describe('markdown helpers', () => {
  it('format durations in ms, seconds or minutes', () => {
    expect(formatDuration(999.4)).toBe('999 ms');
    expect(formatDuration(1000)).toBe('1.0 s');
    expect(formatDuration(119_940)).toBe('119.9 s');
    expect(formatDuration(120_000)).toBe('2 min 0 s');
    expect(formatDuration(185_600)).toBe('3 min 6 s');
  });

  it('count a cell only where its cases disagree, and errors from two up', () => {
    const counts = (passed: number, failed: number, skipped = 0, pending = 0) => ({ passed, failed, skipped, pending });
    const c = (status: MatrixCell['status'], n: ReturnType<typeof counts>) =>
      ({ status, counts: n, refs: [] }) as MatrixCell;
    expect(cellCount(c('passed', counts(2, 0)), 'check')).toBe('');
    expect(cellCount(c('failed', counts(1, 1)), 'check')).toBe(' 1/2');
    expect(cellCount(c('skipped', counts(0, 0, 1, 2)), 'check')).toBe(' 1/3');
    expect(cellCount(c('failed', counts(0, 1)), 'error')).toBe('');
    expect(cellCount(c('failed', counts(0, 2)), 'error')).toBe(' ×2');
  });

  it('say how the run ended', () => {
    const base = buildReport({ runId: 'r', cases: [] }, new Date(0));
    expect(outcomeText(base)).toBe('passed');
    expect(outcomeText({ ...base, run: { ...base.run, outcome: 'failed' } })).toBe('FAILED');
    expect(outcomeText({ ...base, run: { ...base.run, outcome: 'interrupted', endReason: 'SIGTERM' } })).toBe(
      'INTERRUPTED (SIGTERM)',
    );
  });
});
