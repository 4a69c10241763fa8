/**
 * Runs the reporter's fixture configuration (testing/fixture/vitest.config.ts) in a child Vitest, with its own reports
 * directory and run id, optionally interrupting it by a signal once its slow case is running.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inheritedEnv } from '../../config/inherited-env.ts';
import type { ConformanceReport } from '../report-model.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const CONFIG = path.join(import.meta.dirname, 'fixture/vitest.config.ts');

export interface FixtureRunOptions {
  readonly projects: readonly string[];
  readonly args?: readonly string[];
  /** Sent once the slow case signals it is running (and its predecessor's result had time to arrive). */
  readonly signal?: NodeJS.Signals;
  /** A previous run's report, written before the run starts. */
  readonly stale?: boolean;
  readonly stepSummary?: boolean;
}

export interface FixtureRun {
  readonly runId: string;
  readonly exitCode: number | null;
  readonly exitSignal: NodeJS.Signals | null;
  readonly output: string;
  readonly dir: string;
  report(): ConformanceReport;
  file(name: string): string;
  /** index.html without the layout whitespace between tags. */
  html(): string;
  stepSummary(): string;
}

let counter = 0;
const dirs: string[] = [];

/** Removes every reports directory the fixture runs of this file made. */
export function removeFixtureRuns(): void {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runFixture(options: FixtureRunOptions): Promise<FixtureRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'omlc-reporter-'));
  dirs.push(dir);
  counter += 1;
  const runId = `fixture-${process.pid}-${counter}`;
  const summaryFile = path.join(dir, 'step-summary.md');
  if (options.stale === true) {
    writeFileSync(path.join(dir, 'conformance.json'), JSON.stringify({ runId: 'previous-run', cases: [] }));
  }
  const args = [
    'run',
    '--config',
    CONFIG,
    ...options.projects.flatMap((p) => ['--project', p]),
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), ...args], {
    cwd: root,
    env: inheritedEnv({
      ML_TARGET: 'none',
      OMLC_REPORTS_DIR: dir,
      OMLC_RUN_ID: runId,
      GITHUB_STEP_SUMMARY: options.stepSummary === true ? summaryFile : undefined,
      NO_COLOR: '1',
      FORCE_COLOR: undefined,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  if (options.signal !== undefined) {
    const marker = path.join(dir, 'slow-case-running');
    const deadline = Date.now() + 60_000;
    while (!existsSync(marker) && Date.now() < deadline) {
      await sleep(50);
    }
    // Workers report results in batches; give the finished case's result time to reach the main process.
    await sleep(600);
    child.kill(options.signal);
  }
  const { code, signal } = await exited;
  return {
    runId,
    exitCode: code,
    exitSignal: signal,
    output,
    dir,
    report: () => JSON.parse(readFileSync(path.join(dir, 'conformance.json'), 'utf8')) as ConformanceReport,
    file: (name) => readFileSync(path.join(dir, name), 'utf8'),
    html: () =>
      readFileSync(path.join(dir, 'index.html'), 'utf8').replace(/\s+/g, ' ').replace(/> </g, '><').replace(/ >/g, '>'),
    stepSummary: () => (existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : ''),
  };
}
