/**
 * Proves the conformance suites can fail: the offline suites run (in a nested Vitest) against a simulator
 * switched to a wrong behaviour, and the checks that guard that behaviour must fail while the run exits non-zero.
 */
import { inheritedEnv } from '../../config/inherited-env.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../report/report-model.ts';
import type { Misbehaviour } from './misbehaviour.ts';

interface Scenario {
  readonly name: string;
  readonly misbehave: Misbehaviour;
  readonly suites: readonly string[];
  /** `<card>:<check>` pairs that must fail. */
  readonly mustFail: readonly string[];
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'embeddings one element too long',
    misbehave: { embeddingDimensionDelta: 1 },
    suites: ['suites/lifecycle.spec.ts'],
    mustFail: [
      'tiny-onnx-sym:lifecycle.embedding',
      'tiny-onnx-sym:lifecycle.reference',
      'tiny-torchscript:lifecycle.embedding',
    ],
  },
  {
    name: 'perturbed embeddings',
    misbehave: { perturbEmbedding: 0.01 },
    suites: ['suites/lifecycle.spec.ts'],
    mustFail: ['tiny-onnx-sym:lifecycle.reference', 'tiny-onnx-asym:lifecycle.reference'],
  },
  {
    name: 'hash and zip checks skipped',
    misbehave: { skipHashCheck: true, skipZipLint: true },
    suites: ['suites/integrity.spec.ts'],
    mustFail: [
      'tiny-onnx-sym:integrity.wrong-hash',
      'tiny-onnx-sym:integrity.missing-hash',
      'tiny-onnx-sym:integrity.negative-artifact',
    ],
  },
  {
    name: 'uploaded models deployed without comparing the hash',
    misbehave: { skipUploadHashCheck: true },
    suites: ['suites/upload.spec.ts'],
    mustFail: ['tiny-onnx-sym:upload.wrong-hash'],
  },
  {
    name: 'total_chunks ignored (chunk numbers past it accepted, gaps joined at deploy)',
    misbehave: { ignoreTotalChunks: true },
    suites: ['suites/upload.spec.ts'],
    mustFail: [
      'tiny-onnx-sym:upload.chunk-out-of-range',
      'tiny-onnx-sym:upload.missing-chunk',
      'tiny-onnx-sym:upload.count-mismatch',
      'tiny-onnx-sym:upload.deploy-before-last-chunk',
    ],
  },
  {
    name: 'chunk documents kept after the model is deleted',
    misbehave: { keepChunksAfterDelete: true },
    suites: ['suites/upload.spec.ts'],
    mustFail: ['tiny-onnx-sym:upload.nothing-left', 'tiny-onnx-sym:upload.delete', 'tiny-torchscript:upload.delete'],
  },
  {
    name: 'content type ignored',
    misbehave: { ignoreContentType: true },
    suites: ['suites/asymmetric.spec.ts'],
    mustFail: ['tiny-onnx-asym:asymmetric.divergence', 'tiny-onnx-asym:asymmetric.content-type-required'],
  },
];

const root = path.resolve(import.meta.dirname, '../../..');

/** The nested run gets its own run id and reports dir, and no live projects (only the simulator is needed). */
function nestedEnv(reportsDir: string, misbehave: Misbehaviour): NodeJS.ProcessEnv {
  return inheritedEnv({
    OMLC_RUN_ID: undefined,
    ML_TARGET: 'none',
    OMLC_REPORTS_DIR: reportsDir,
    OMLC_SIMULATOR_MISBEHAVE: JSON.stringify(misbehave),
  });
}

function runSuites(scenario: Scenario): { status: number | null; report: ConformanceReport; output: string } {
  const reportsDir = mkdtempSync(path.join(tmpdir(), 'omlc-misbehave-'));
  try {
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'offline:3.x', ...scenario.suites],
      {
        cwd: root,
        encoding: 'utf8',
        env: nestedEnv(reportsDir, scenario.misbehave),
        timeout: 120_000,
      },
    );
    const report = JSON.parse(readFileSync(path.join(reportsDir, 'conformance.json'), 'utf8')) as ConformanceReport;
    return { status: result.status, report, output: `${result.stdout}\n${result.stderr}` };
  } finally {
    rmSync(reportsDir, { recursive: true, force: true });
  }
}

describe('the offline suites detect a misbehaving cluster', () => {
  it.for(SCENARIOS)('$name', { timeout: 150_000 }, (scenario) => {
    const { status, report, output } = runSuites(scenario);
    expect(status, output.slice(-2000)).not.toBe(0);
    const failed = new Set(
      report.cases.filter((c) => c.status === 'failed').map((c) => `${c.meta.card}:${c.meta.check}`),
    );
    for (const expected of scenario.mustFail) {
      expect(failed, `${expected} must fail`).toContain(expected);
    }
  });
});
