import { describe, expect, it } from 'vitest';
import type { ConformanceCaseMeta } from './case-meta.ts';
import {
  buildReport,
  caseId,
  summarize,
  worstStatus,
  type CaseResult,
  type CaseStatus,
  type RunError,
} from './report-model.ts';

function result(project: string, check: string, status: CaseStatus, variant?: string): CaseResult {
  const meta: ConformanceCaseMeta = {
    suite: 'lifecycle',
    check,
    card: 'tiny',
    ...(variant === undefined ? {} : { variant }),
  };
  return {
    caseId: caseId(project, meta),
    project,
    target: `${project} target`,
    meta,
    title: check,
    status,
    durationMs: 1,
  };
}

describe('worstStatus', () => {
  it.for([
    [[], 'passed'],
    [['passed', 'passed'], 'passed'],
    [['passed', 'skipped'], 'skipped'],
    [['skipped', 'pending', 'passed'], 'pending'],
    [['pending', 'failed', 'skipped'], 'failed'],
    [['failed', 'passed'], 'failed'],
  ] as const)('%j → %s (fail > pending > skip > pass)', ([statuses, worst]) => {
    expect(worstStatus(statuses)).toBe(worst);
  });
});

describe('caseId', () => {
  it('is project:suite:card:check, plus the variant when there is one', () => {
    const meta = { suite: 'lifecycle', check: 'lifecycle.embedding', card: 'tiny-onnx-sym' };
    expect(caseId('offline:3.x', meta)).toBe('offline:3.x:lifecycle:tiny-onnx-sym:lifecycle.embedding');
    expect(caseId('live:2.19.6', { ...meta, variant: 'short' })).toBe(
      'live:2.19.6:lifecycle:tiny-onnx-sym:lifecycle.embedding:short',
    );
    expect(caseId('unit', { suite: 'cleanup', check: 'cleanup.audit', card: '-' })).toBe(
      'unit:cleanup:-:cleanup.audit',
    );
  });
});

describe('summarize', () => {
  it('counts per project in first-seen order, pending as failed', () => {
    expect(
      summarize([
        result('b', 'x', 'passed'),
        result('a', 'x', 'failed'),
        result('b', 'y', 'skipped'),
        result('b', 'z', 'pending'),
        result('a', 'y', 'passed'),
        result('b', 'w', 'passed'),
      ]),
    ).toEqual([
      { project: 'b', target: 'b target', passed: 2, failed: 1, skipped: 1, errors: 0 },
      { project: 'a', target: 'a target', passed: 1, failed: 1, skipped: 0, errors: 0 },
    ]);
  });

  it('is empty for no cases', () => {
    expect(summarize([])).toEqual([]);
  });

  it('counts errors outside cases as failures of their project, or of the run when no project is known', () => {
    const errors: RunError[] = [
      { id: 'a:hook:x', kind: 'hook', project: 'a', where: 'afterAll of "x"', message: 'leak' },
      { id: '(run):unhandled:y', kind: 'unhandled', where: 'uncaught exception', message: 'boom' },
      { id: 'c:global-setup:0', kind: 'global-setup', project: 'c', where: 'global setup of c', message: 'bad card' },
    ];
    expect(
      summarize([result('a', 'x', 'passed')], errors, [
        { project: 'c', target: 'target not resolved' },
        { project: 'a', target: 'a target' },
      ]),
    ).toEqual([
      { project: 'c', target: 'target not resolved', passed: 0, failed: 1, skipped: 0, errors: 1 },
      { project: 'a', target: 'a target', passed: 1, failed: 1, skipped: 0, errors: 1 },
      { project: '(run)', target: 'the run as a whole', passed: 0, failed: 1, skipped: 0, errors: 1 },
    ]);
  });
});

describe('summarize, errors of projects without a line yet', () => {
  it('gives an error of an unknown project its own line, target unresolved', () => {
    const error: RunError = { id: 'z:hook:x', kind: 'hook', project: 'z', where: 'afterAll of "x"', message: 'leak' };
    expect(summarize([], [error], [{ project: 'a', target: 'a target' }])).toEqual([
      { project: 'a', target: 'a target', passed: 0, failed: 0, skipped: 0, errors: 0 },
      { project: 'z', target: 'target not resolved', passed: 0, failed: 1, skipped: 0, errors: 1 },
    ]);
  });
});

describe('buildReport', () => {
  it('sorts cases by case id, summarizes in that order, and stamps run id, time and format', () => {
    const cases = [
      result('offline:3.x', 'lifecycle.register', 'passed'),
      result('live:2.19.6', 'lifecycle.embedding', 'skipped', 'short'),
      result('live:2.19.6', 'lifecycle.embedding', 'failed', 'long'),
    ];
    const report = buildReport({ runId: 'r1', cases }, new Date(Date.UTC(2026, 11, 2, 10, 0, 0)));
    expect(report.format).toBe('opensearch-ml-conformance/report@2');
    expect(report.runId).toBe('r1');
    expect(report.generatedAt).toBe('2026-12-02T10:00:00.000Z');
    expect(report.cases.map((c) => c.caseId)).toEqual([
      'live:2.19.6:lifecycle:tiny:lifecycle.embedding:long',
      'live:2.19.6:lifecycle:tiny:lifecycle.embedding:short',
      'offline:3.x:lifecycle:tiny:lifecycle.register',
    ]);
    expect(report.projects.map((p) => p.project)).toEqual(['live:2.19.6', 'offline:3.x']);
    expect(report.projects[0]).toMatchObject({ passed: 0, failed: 1, skipped: 1 });
    expect(cases[0]?.project, 'the input is not reordered').toBe('offline:3.x');
  });
});

describe('the run outcome', () => {
  const now = new Date(0);
  it('is passed only without failed or unfinished cases, errors or drifted rows', () => {
    const passed = buildReport({ runId: 'r', cases: [result('a', 'x', 'passed'), result('a', 'y', 'skipped')] }, now);
    expect(passed.run).toMatchObject({ outcome: 'passed', interrupted: false });
    expect(buildReport({ runId: 'r', cases: [result('a', 'x', 'pending')] }, now).run.outcome).toBe('failed');
    const error: RunError = { id: 'e', kind: 'module', project: 'a', where: 'loading x', message: 'bad card' };
    expect(buildReport({ runId: 'r', cases: [], errors: [error] }, now).run.outcome).toBe('failed');
    const drift = [{ title: 't', columns: ['card'], rows: [{ cells: ['c'], ok: false }] }];
    expect(buildReport({ runId: 'r', cases: [], drift }, now).run.outcome).toBe('failed');
  });

  it('is interrupted whenever the run did not reach its end, whatever the cases say', () => {
    const report = buildReport(
      { runId: 'r', cases: [result('a', 'x', 'passed')], run: { interrupted: true, endReason: 'SIGINT' } },
      now,
    );
    expect(report.run).toMatchObject({ outcome: 'interrupted', interrupted: true, endReason: 'SIGINT' });
  });

  it('is failed by a failed case, and by one drifted row among good ones', () => {
    expect(buildReport({ runId: 'r', cases: [result('a', 'x', 'failed')] }, now).run.outcome).toBe('failed');
    const rows = [
      { cells: ['c'], ok: true },
      { cells: ['d'], ok: false },
    ];
    const drift = [{ title: 't', columns: ['card'], rows }];
    expect(buildReport({ runId: 'r', cases: [], drift }, now).run.outcome).toBe('failed');
  });

  it('defaults what the run did not say: end reason from the outcome, start now, versions unknown', () => {
    const passed = buildReport({ runId: 'r', cases: [] }, now);
    expect(passed.run).toEqual({
      startedAt: now.toISOString(),
      durationMs: 0,
      outcome: 'passed',
      interrupted: false,
      endReason: 'passed',
      targets: [],
      versions: { node: process.versions.node, vitest: 'unknown', harness: 'unknown' },
    });
    expect(buildReport({ runId: 'r', cases: [result('a', 'x', 'failed')] }, now).run.endReason).toBe('failed');
  });

  it('carries the abort and the drift report only when there are some', () => {
    const plain = buildReport({ runId: 'r', cases: [] }, now);
    expect(Object.keys(plain)).not.toContain('aborted');
    expect(Object.keys(plain)).not.toContain('driftReport');
    const aborted = { kind: 'card-error', message: 'bad card' };
    expect(buildReport({ runId: 'r', cases: [], aborted }, now).aborted).toEqual(aborted);
  });
});
