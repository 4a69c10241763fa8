/**
 * Proves the conformance suites can fail: for every row of the misbehaviour table the offline suites run (one nested
 * Vitest run over the row's profiles) against a simulator switched to that wrong behaviour, the run must exit
 * non-zero, and every case the row names must fail on every profile.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inheritedEnv } from '../../config/inherited-env.ts';
import type { ConformanceReport } from '../../report/report-model.ts';
import { MISBEHAVIOUR_SWITCHES, type Misbehaviour } from './misbehaviour.ts';
import {
  DEFAULT_PROFILES,
  MISBEHAVIOUR_TABLE,
  PROVEN_ELSEWHERE,
  TABLE_CARDS,
  type MisbehaviourRow,
} from './misbehaviour-table.ts';

const root = path.resolve(import.meta.dirname, '../../..');

/** The nested run gets its own run id and reports dir, no live projects, and only the table's cards. */
function nestedEnv(reportsDir: string, misbehave: Misbehaviour): NodeJS.ProcessEnv {
  return inheritedEnv({
    OMLC_RUN_ID: undefined,
    ML_TARGET: 'none',
    ML_CARDS: TABLE_CARDS.join(','),
    OMLC_CARDS_DIR: undefined,
    OMLC_REPORTS_DIR: reportsDir,
    OMLC_SIMULATOR_MISBEHAVE: JSON.stringify(misbehave),
  });
}

function runRow(row: MisbehaviourRow): { status: number | null; report: ConformanceReport; output: string } {
  const reportsDir = mkdtempSync(path.join(tmpdir(), 'omlc-misbehave-'));
  const projects = (row.profiles ?? DEFAULT_PROFILES).flatMap((profile) => ['--project', `offline:${profile}`]);
  try {
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...projects, ...row.suites],
      { cwd: root, encoding: 'utf8', env: nestedEnv(reportsDir, row.misbehave), timeout: 240_000 },
    );
    const output = `${result.stdout}\n${result.stderr}`;
    const report = JSON.parse(readFileSync(path.join(reportsDir, 'conformance.json'), 'utf8')) as ConformanceReport;
    return { status: result.status, report, output };
  } finally {
    rmSync(reportsDir, { recursive: true, force: true });
  }
}

describe('the offline suites detect a misbehaving cluster', () => {
  it('has a row for every switch of the simulator', () => {
    const covered = new Set([
      ...MISBEHAVIOUR_TABLE.flatMap((row) => Object.keys(row.misbehave)),
      ...Object.keys(PROVEN_ELSEWHERE),
    ]);
    expect([...MISBEHAVIOUR_SWITCHES].filter((key) => !covered.has(key))).toEqual([]);
  });

  it.for(Object.entries(PROVEN_ELSEWHERE))('%s is proven by the self-test it names', ([key, file]) => {
    expect(readFileSync(file ?? '', 'utf8')).toContain(key);
  });

  it.for(MISBEHAVIOUR_TABLE)('$name', { timeout: 300_000 }, (row) => {
    const { status, report, output } = runRow(row);
    expect(status, output.slice(-2000)).not.toBe(0);
    for (const profile of row.profiles ?? DEFAULT_PROFILES) {
      const project = `offline:${profile}`;
      const cases = report.cases.filter((c) => c.project === project);
      expect(cases.length, `${project} ran`).toBeGreaterThan(0);
      const failed = new Set(cases.filter((c) => c.status === 'failed').map((c) => `${c.meta.card}:${c.meta.check}`));
      const missed = row.mustFail.filter((key) => !failed.has(key));
      expect(missed, `cases that should have failed on ${project}`).toEqual([]);
    }
  });
});
