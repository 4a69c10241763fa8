import { describe, expect, it } from 'vitest';
import { buildMatrix, ERROR_ROW, type CompatMatrix } from './compat-matrix.ts';
import { buildReport, caseId, type CaseResult, type RunError } from './report-model.ts';
import { sampleReport } from './testing/sample-report.ts';

describe('buildMatrix', () => {
  // Built inside each test (not when the describe is collected), so a mutant switched on for the test is seen.
  const matrix = (): CompatMatrix => buildMatrix(sampleReport());

  it('has one column per project in the run’s order and one row per card × check, checks in catalog order', () => {
    expect(matrix().columns.map((c) => c.project)).toEqual(['offline:2.11-2.13', 'live:3.6.0']);
    expect(matrix().rows.map((r) => `${r.card} ${r.check}`)).toEqual([
      'tiny-onnx-asym lifecycle.delete',
      'tiny-onnx-asym asymmetric.divergence',
      'tiny-onnx-sym lifecycle.register',
      'tiny-onnx-sym lifecycle.embedding',
      `tiny-onnx-sym ${ERROR_ROW}`,
    ]);
  });

  it('aggregates a cell’s cases worst-wins and keeps the counts', () => {
    const embedding = matrix().rows.find((r) => r.check === 'lifecycle.embedding');
    expect(embedding?.cells['offline:2.11-2.13']).toMatchObject({
      status: 'skipped',
      counts: { passed: 1, skipped: 1, failed: 0, pending: 0 },
    });
  });

  it('numbers each reason once, in reading order, and counts the cells sharing it', () => {
    expect(matrix().notes.map((n) => [n.n, n.kind, n.text, n.cells])).toEqual([
      [1, 'fail', "expected 'DEPLOYED' to be 'UNDEPLOYED' (last request: GET /_plugins/_ml/models/m1 → 200)", 1],
      [2, 'pending', 'did not finish', 1],
      [3, 'skip', 'needs OpenSearch >=2.14.0 (content_type); target is 2.13.0', 1],
      [4, 'skip', 'no live target: OPENSEARCH_URL is not set; no container runtime', 2],
      [5, 'fail', 'POST /_plugins/_ml/models/_register → 400: URL <not> trusted', 1],
      [6, 'skip', 'probe has no golden vector', 1],
      [
        7,
        'error',
        'afterAll of "lifecycle · tiny-onnx-sym" in suites/lifecycle.spec.ts: leak: model omlc-x-model is still DEPLOYED (POST /_plugins/_ml/models/_search → 200)',
        1,
      ],
    ]);
    const divergence = matrix().rows.find((r) => r.check === 'asymmetric.divergence');
    expect(divergence?.cells['live:3.6.0']?.note).toBe(4);
    expect(matrix().rows.find((r) => r.check === 'lifecycle.embedding')?.cells['live:3.6.0']?.note).toBe(4);
  });

  it('puts an error outside the checks in its card’s group as a failure of its project', () => {
    const errorRow = matrix().rows.find((r) => r.kind === 'error');
    expect(errorRow).toMatchObject({ card: 'tiny-onnx-sym', check: ERROR_ROW });
    expect(errorRow?.cells['offline:2.11-2.13']).toMatchObject({
      status: 'failed',
      refs: ['offline:2.11-2.13:hook:afterAll'],
    });
    expect(errorRow?.cells['live:3.6.0']).toBeUndefined();
  });
});

function caseOf(
  card: string,
  check: string,
  status: CaseResult['status'],
  extra: Partial<Pick<CaseResult, 'message' | 'failure'>> = {},
  variant?: string,
): CaseResult {
  const meta = { suite: check.split('.')[0] ?? 'x', check, card, ...(variant === undefined ? {} : { variant }) };
  return { caseId: caseId(P, meta), project: P, target: 't', meta, title: check, status, durationMs: 1, ...extra };
}

const P = 'offline:3.x';

function matrixOf(cases: readonly CaseResult[], errors: readonly RunError[] = []): CompatMatrix {
  const run = { targets: [{ project: P, target: 'simulator 3.x' }] };
  return buildMatrix(buildReport({ runId: 'r', cases, errors, run }, new Date(0)));
}

describe('buildMatrix rows and notes', () => {
  it('orders cards alphabetically with the run’s own errors last, and a card’s error row after all its checks', () => {
    const matrix = matrixOf(
      [
        caseOf('b-card', 'lifecycle.register', 'passed'),
        caseOf('a-card', 'zz.custom', 'passed'),
        caseOf('a-card', 'lifecycle.embedding', 'passed'),
        caseOf('a-card', 'lifecycle.register', 'passed'),
      ],
      [
        { id: `${P}:hook:x`, kind: 'hook', project: P, where: 'afterAll', card: 'a-card', message: 'leak' },
        { id: '(run):unhandled:y', kind: 'unhandled', where: 'uncaught exception', message: 'boom' },
      ],
    );
    expect(matrix.rows.map((r) => `${r.card} ${r.check}`)).toEqual([
      'a-card lifecycle.register',
      'a-card lifecycle.embedding',
      'a-card zz.custom',
      `a-card ${ERROR_ROW}`,
      'b-card lifecycle.register',
      `- ${ERROR_ROW}`,
    ]);
  });

  it('refers to the worst cases first, each case once', () => {
    const passed = caseOf('c', 'lifecycle.embedding', 'passed', {}, 'short');
    const failed = caseOf('c', 'lifecycle.embedding', 'failed', { message: 'off' }, 'long');
    const cell = matrixOf([passed, failed]).rows[0]?.cells[P];
    expect(cell).toMatchObject({ status: 'failed', refs: [failed.caseId, passed.caseId] });
    expect(cell?.counts).toEqual({ passed: 1, failed: 1, skipped: 0, pending: 0 });
  });

  it('adds the failed request to a message that does not name it, and only the first line of an error', () => {
    const matrix = matrixOf(
      [
        caseOf('c', 'lifecycle.register', 'failed', {
          message: 'boom',
          failure: { message: 'boom', request: { method: 'POST', path: '/p', status: 500, role: 'failed' } },
        }),
      ],
      [{ id: 'e', kind: 'hook', project: P, where: 'afterAll', card: 'c', message: 'leak\n  at stack line' }],
    );
    expect(matrix.notes.map((n) => n.text)).toEqual(['boom (POST /p → 500)', 'afterAll: leak']);
  });
});
