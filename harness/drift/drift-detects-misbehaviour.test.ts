/**
 * Proves the drift checks can fail, end to end: a nested Vitest run records a baseline from the simulator
 * (`OMLC_BASELINE_OUT`), a second run compares with it unchanged (passes), and a third compares with a simulator that
 * rotates every vector by 0.02 rad (cosine 0.9998, below the default 0.9999): every `drift.embedding` case fails,
 * naming the probe, the content type and both sides, and `drift.md` lists them worst first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inheritedEnv } from '../config/inherited-env.ts';
import type { ConformanceReport } from '../report/report-model.ts';

const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'omlc-drift-selftest-'));
const baselineFile = path.join(work, 'sim-3.x.json');

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function nestedRun(
  name: string,
  env: Readonly<Record<string, string>>,
): { status: number | null; report: ConformanceReport; md: string; output: string } {
  const reportsDir = path.join(work, name);
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'offline:3.x', 'suites/drift.spec.ts'],
    {
      cwd: root,
      encoding: 'utf8',
      // A fresh run id per nested run, its own reports, no live projects.
      env: inheritedEnv({
        OMLC_RUN_ID: undefined,
        ML_TARGET: 'none',
        // The three committed tiny cards: fast, and every count below is theirs.
        ML_CARDS: 'tiny-onnx-sym,tiny-onnx-asym,tiny-torchscript',
        OMLC_REPORTS_DIR: reportsDir,
        ...env,
      }),
      timeout: 120_000,
    },
  );
  return {
    status: result.status,
    report: JSON.parse(readFileSync(path.join(reportsDir, 'conformance.json'), 'utf8')) as ConformanceReport,
    md: readFileSync(path.join(reportsDir, 'drift.md'), 'utf8'),
    output: `${result.stdout}\n${result.stderr}`,
  };
}

describe('drift checks on the simulator', () => {
  it(
    'record a baseline, pass against it unchanged, and fail every probe once the vectors are rotated',
    { timeout: 180_000 },
    () => {
      const recorded = nestedRun('record', { OMLC_BASELINE_OUT: baselineFile });
      expect(recorded.status, recorded.output.slice(-2000)).toBe(0);
      expect(existsSync(baselineFile)).toBe(true);
      expect(recorded.output).toContain(`baseline written to ${baselineFile} (offline:3.x, simulator 3.x: 3 card(s)`);

      const same = nestedRun('same', { OMLC_BASELINE: baselineFile });
      expect(same.status, same.output.slice(-2000)).toBe(0);
      const compared = same.report.cases.filter((c) => c.meta.check === 'drift.embedding');
      expect(compared.length).toBe(16);
      expect(compared.every((c) => c.status === 'passed')).toBe(true);

      const rotated = nestedRun('rotated', {
        OMLC_BASELINE: baselineFile,
        OMLC_SIMULATOR_MISBEHAVE: JSON.stringify({ rotateEmbedding: 0.02 }),
      });
      expect(rotated.status).not.toBe(0);
      const failed = rotated.report.cases.filter((c) => c.meta.check === 'drift.embedding' && c.status === 'failed');
      expect(failed.map((c) => `${c.meta.card}:${c.meta.variant ?? ''}`).sort()).toEqual(
        compared.map((c) => `${c.meta.card}:${c.meta.variant ?? ''}`).sort(),
      );
      const asymQuery = failed.find((c) => c.meta.card === 'tiny-onnx-asym' && c.meta.variant === 'short/query');
      expect(asymQuery?.message).toMatch(
        /^tiny-onnx-asym probe "short" \(query\) drifted from baseline .*sim-3\.x\.json \(simulator 3\.x\) to simulator 3\.x: cosine 0\.9998\d\d \(min 0\.9999\)/,
      );
      // Rotation keeps shape, dtype and the artifact: only the vectors are flagged.
      expect(
        rotated.report.cases.filter((c) => c.meta.check === 'drift.shape').every((c) => c.status === 'passed'),
      ).toBe(true);
      expect(rotated.md).toMatch(
        /\| tiny-onnx-sym \| baseline .* \| simulator 3\.x \| 4 \| 0\.9998\d\d \| .* \| FAIL \(4 of 4\) \|/,
      );
      expect(rotated.report.driftReport?.entries.filter((e) => !e.ok)).toHaveLength(16);
    },
  );
});
