import { describe, expect, it } from 'vitest';
import { buildMatrix } from './compat-matrix.ts';
import { renderMarkdown } from './render-markdown.ts';
import { buildReport } from './report-model.ts';
import { sampleReport } from './testing/sample-report.ts';

describe('renderMarkdown', () => {
  const report = sampleReport();
  const markdown = renderMarkdown(report, buildMatrix(report));

  it('starts with the outcome and one count line per target', () => {
    expect(markdown.split('\n').slice(0, 8)).toEqual([
      '# Conformance run r20261202t100000-abcd: FAILED',
      '',
      'Started 2026-12-02T10:00:00.000Z, took 7.4 s. ✅ pass · ❌ fail · ⚪ skip · ⏳ did not finish · [n] reason below',
      '',
      '| project | target | passed | failed | skipped | of which errors outside checks |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      '| offline:2.11-2.13 | simulator 2.11-2.13 | 2 | 2 | 2 | 1 |',
      '| live:3.6.0 | native 3.6.0 | 0 | 2 | 2 | 0 |',
    ]);
  });

  it('shows a mark and a footnote number per cell, the card once per group', () => {
    expect(markdown).toContain(
      [
        '| card | check | offline:2.11-2.13 | live:3.6.0 |',
        '| --- | --- | :---: | :---: |',
        '| tiny-onnx-asym | `lifecycle.delete` | ❌ [1] | ⏳ [2] |',
        '|  | `asymmetric.divergence` | ⚪ [3] | ⚪ [4] |',
        '| tiny-onnx-sym | `lifecycle.register` | ✅ | ❌ [5] |',
        '|  | `lifecycle.embedding` | ⚪ 1/2 [6] | ⚪ [4] |',
        '|  | **errors outside checks** | ❌ [7] |  |',
      ].join('\n'),
    );
  });

  it('writes each reason once, then the errors outside checks and the drift tables', () => {
    expect(markdown).toContain('4. skipped (2 cells): no live target: OPENSEARCH_URL is not set; no container runtime');
    expect(markdown.match(/no live target/g)).toHaveLength(1);
    expect(markdown).toContain(
      '- **offline:2.11-2.13** afterAll of "lifecycle · tiny-onnx-sym" in suites/lifecycle.spec.ts — POST /_plugins/_ml/models/_search → 200',
    );
    expect(markdown).toContain('### Drift across versions in this run');
    expect(markdown).toContain('| ❌ | tiny-torchscript | native 2.19.6 | native 3.6.0 | 0.91 |');
    expect(markdown).toContain('- tiny-onnx-asym: refused on 2.19.6');
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
