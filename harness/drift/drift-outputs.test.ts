import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBaseline } from '../baseline/load-baseline.ts';
import type { CaseResult } from '../report/report-model.ts';
import { writeDriftOutputs } from './drift-outputs.ts';
import { EmbeddingStore } from './embedding-store.ts';
import { card } from './testing/recordings.ts';

const dir = mkdtempSync(join(tmpdir(), 'omlc-drift-out-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cluster = (version: string) => ({ version, distribution: 'opensearch', target: `native ${version}` });

function result(
  project: string,
  check: string,
  status: CaseResult['status'],
  extra: Partial<CaseResult['meta']> = {},
  message?: string,
): CaseResult {
  const meta = { suite: check.split('.')[0] ?? 's', check, card: 'tiny-onnx-sym', ...extra };
  return {
    caseId: `${project}:${meta.suite}:${meta.card}:${check}`,
    project,
    target: `native ${project}`,
    meta,
    title: check,
    status,
    durationMs: 1,
    ...(message === undefined ? {} : { message }),
  };
}

const entry = {
  kind: 'cross-version' as const,
  card: 'tiny-onnx-sym',
  probe: 'short',
  contentType: 'plain' as const,
  from: 'native 2.19.6',
  fromVersion: '2.19.6',
  to: 'native 3.6.0',
  toVersion: '3.6.0',
  cosine: 0.99,
  maxAbsDiff: 0.01,
  minCosine: 0.9999,
  maxAbsAllowed: 1e-4,
  ok: false,
  message: 'drifted',
};

describe('writeDriftOutputs', () => {
  it('writes drift.json and drift.md from what the cases attached, and records a baseline of the one recorded project', async () => {
    const store = new EmbeddingStore(join(dir, 'store-1'));
    await store.write('live:3.6.0', cluster('3.6.0'), card());
    const out = join(dir, 'b', 'prod.json');
    const cases = [
      result('live:3.6.0', 'drift.cross-version', 'failed', { variant: '2.19.6 short', drift: { entries: [entry] } }),
      result('live:3.6.0', 'lifecycle.deploy', 'passed', { timings: [{ phase: 'deploy', wallMs: 12, ok: true }] }),
    ];
    const outputs = await writeDriftOutputs({
      runId: 'run-1',
      now: new Date('2026-12-02T00:00:00Z'),
      cases,
      config: { OMLC_BASELINE: undefined, OMLC_BASELINE_OUT: out },
      reportsDir: dir,
      store,
    });
    expect(outputs.lines).toEqual([
      'drift: 1 comparisons, 1 beyond tolerance (drift.md)',
      `baseline written to ${out} (live:3.6.0, native 3.6.0: 1 card(s), 2 check verdicts)`,
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'drift.json'), 'utf8'))).toEqual(outputs.report);
    expect(readFileSync(join(dir, 'drift.md'), 'utf8')).toContain(
      '| tiny-onnx-sym | native 2.19.6 | native 3.6.0 | 1 |',
    );
    const written = loadBaseline(out);
    expect(written.source.version).toBe('3.6.0');
    expect(written.checks.find((c) => c.check === 'lifecycle.deploy')?.timings).toEqual([
      { phase: 'deploy', wallMs: 12, ok: true },
    ]);

    // The next run compares with that baseline: a check that passed then and fails now is listed.
    const next = await writeDriftOutputs({
      runId: 'run-2',
      now: new Date(),
      cases: [result('live:3.6.0', 'lifecycle.deploy', 'failed', {}, 'task FAILED')],
      config: { OMLC_BASELINE: out, OMLC_BASELINE_OUT: undefined },
      reportsDir: dir,
      store: new EmbeddingStore(join(dir, 'empty')),
    });
    expect(next.report.notes).toEqual([
      {
        kind: 'regression',
        card: 'tiny-onnx-sym',
        text: `live:3.6.0: lifecycle:tiny-onnx-sym:lifecycle.deploy passed in ${out}, now failed: task FAILED`,
      },
    ]);
    expect(next.lines).toContain('drift: 1 check(s) passed in the baseline and fail now (drift.md)');
  });

  it('refuses to write a baseline of several clusters, or of none, and says what to do', async () => {
    const store = new EmbeddingStore(join(dir, 'store-2'));
    const input = {
      runId: 'r',
      now: new Date(),
      cases: [],
      config: { OMLC_BASELINE: undefined, OMLC_BASELINE_OUT: join(dir, 'x.json') },
      reportsDir: dir,
      store,
    };
    expect((await writeDriftOutputs(input)).lines).toEqual([
      `baseline NOT written to ${join(dir, 'x.json')}: no project recorded embeddings (drift.record skipped or failed everywhere)`,
    ]);
    await store.write('live:2.19.6', cluster('2.19.6'), card());
    await store.write('live:3.6.0', cluster('3.6.0'), card());
    expect((await writeDriftOutputs(input)).lines[0]).toMatch(
      /^baseline NOT written to .*: live:2\.19\.6, live:3\.6\.0 all recorded embeddings; a baseline is one cluster/,
    );
  });
});
