/**
 * A small report with every kind of cell — passes, a shared skip reason, a version skip, a failed request, an
 * assertion failure with its last request, an unfinished case, an error outside the checks, timings and a drift
 * table — for the renderers' tests.
 */
import type { ConformanceCaseMeta } from '../case-meta.ts';
import { buildReport, caseId, type CaseResult, type ConformanceReport, type RunError } from '../report-model.ts';

type Extra = Partial<Pick<CaseResult, 'message' | 'failure'>> & Partial<Pick<ConformanceCaseMeta, 'timings'>>;

function sampleCase(
  project: string,
  card: string,
  check: string,
  status: CaseResult['status'],
  extra: Extra = {},
  variant?: string,
): CaseResult {
  const { timings, ...rest } = extra;
  const meta: ConformanceCaseMeta = {
    suite: check.split('.')[0] ?? 'lifecycle',
    check,
    card,
    ...(variant === undefined ? {} : { variant }),
    ...(timings === undefined ? {} : { timings }),
  };
  return {
    caseId: caseId(project, meta),
    project,
    target: project.startsWith('live') ? 'native 3.6.0' : 'simulator 2.11-2.13',
    meta,
    title: check,
    status,
    durationMs: 12,
    ...rest,
  };
}

const NO_TARGET = 'no live target: OPENSEARCH_URL is not set; no container runtime';
const OFFLINE = 'offline:2.11-2.13';
const LIVE = 'live:3.6.0';

export function sampleReport(): ConformanceReport {
  const timings = [
    { phase: 'register-model', wallMs: 140, serverMs: 90, ok: true },
    { phase: 'deploy', wallMs: 80, serverMs: 51, ok: true },
  ];
  const cases: CaseResult[] = [
    sampleCase(OFFLINE, 'tiny-onnx-sym', 'lifecycle.register', 'passed', { timings }),
    sampleCase(LIVE, 'tiny-onnx-sym', 'lifecycle.register', 'failed', {
      message: 'POST /_plugins/_ml/models/_register → 400: URL <not> trusted',
      failure: {
        message: 'POST /_plugins/_ml/models/_register → 400: URL <not> trusted',
        request: { method: 'POST', path: '/_plugins/_ml/models/_register', status: 400, role: 'failed' },
      },
    }),
    sampleCase(OFFLINE, 'tiny-onnx-sym', 'lifecycle.embedding', 'passed', {}, 'short'),
    sampleCase(
      OFFLINE,
      'tiny-onnx-sym',
      'lifecycle.embedding',
      'skipped',
      { message: 'probe has no golden vector' },
      'long',
    ),
    sampleCase(LIVE, 'tiny-onnx-sym', 'lifecycle.embedding', 'skipped', { message: NO_TARGET }, 'short'),
    sampleCase(OFFLINE, 'tiny-onnx-asym', 'asymmetric.divergence', 'skipped', {
      message: 'needs OpenSearch >=2.14.0 (content_type); target is 2.13.0',
    }),
    sampleCase(LIVE, 'tiny-onnx-asym', 'asymmetric.divergence', 'skipped', { message: NO_TARGET }),
    sampleCase(OFFLINE, 'tiny-onnx-asym', 'lifecycle.delete', 'failed', {
      message: "expected 'DEPLOYED' to be 'UNDEPLOYED'",
      failure: {
        message: "expected 'DEPLOYED' to be 'UNDEPLOYED'",
        request: { method: 'GET', path: '/_plugins/_ml/models/m1', status: 200, role: 'last' },
      },
    }),
    sampleCase(LIVE, 'tiny-onnx-asym', 'lifecycle.delete', 'pending', { message: 'did not finish' }),
  ];
  const errors: RunError[] = [
    {
      id: `${OFFLINE}:hook:afterAll`,
      kind: 'hook',
      project: OFFLINE,
      where: 'afterAll of "lifecycle · tiny-onnx-sym" in suites/lifecycle.spec.ts',
      suite: 'lifecycle',
      card: 'tiny-onnx-sym',
      message: 'leak: model omlc-x-model is still DEPLOYED',
      request: { method: 'POST', path: '/_plugins/_ml/models/_search', status: 200 },
    },
  ];
  const drift = [
    {
      title: 'Drift across versions in this run',
      columns: ['card', 'from', 'to', 'worst cosine'],
      rows: [
        { cells: ['tiny-onnx-sym', 'native 2.19.6', 'native 3.6.0', '0.99999'], ok: true },
        { cells: ['tiny-torchscript', 'native 2.19.6', 'native 3.6.0', '0.91'], ok: false },
      ],
      notes: ['tiny-onnx-asym: refused on 2.19.6'],
    },
  ];
  return buildReport(
    {
      runId: 'r20261202t100000-abcd',
      cases,
      errors,
      drift,
      run: {
        startedAt: '2026-12-02T10:00:00.000Z',
        durationMs: 7400,
        endReason: 'failed',
        targets: [
          { project: OFFLINE, target: 'simulator 2.11-2.13', kind: 'simulator', version: '2.13.0' },
          { project: LIVE, target: 'native 3.6.0', kind: 'native', version: '3.6.0' },
        ],
        versions: { node: '24.0.0', vitest: '5.1.1', harness: '0.1.0' },
      },
    },
    new Date('2026-12-02T10:00:08.000Z'),
  );
}
