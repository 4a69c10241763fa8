/**
 * The conformance reporter in-process, on a fake Vitest: which report it writes at each point of a run (start, end,
 * after a failed teardown, at exit), what it counts and prints. The child-process test covers the real Vitest.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { abortRun, resetRunState } from '../run/run-state.ts';
import type { ConformanceCaseMeta } from './case-meta.ts';
import ConformanceReporter from './conformance-reporter.ts';
import type { ConformanceReport } from './report-model.ts';
import { runExitAfterClose } from './exit-after-close.ts';
import { recordRunError, resetChannel } from './run-channel.ts';
import { fakeModule, serializedError } from './testing/fake-modules.ts';
import { fakeVitest } from './testing/fake-vitest.ts';

const META: ConformanceCaseMeta = { suite: 'lifecycle', check: 'lifecycle.register', card: 'tiny' };
const CANCEL_NOTE = 'The test run was aborted by the user.';
const TARGETS = {
  offline: { available: true, kind: 'simulator', label: 'simulator 2.19', version: '2.19.1' },
  live: { available: false, kind: 'native', label: 'native', reason: 'no java', failure: 'cluster did not start' },
  docker: { available: false, kind: 'none', label: 'container', reason: 'no runtime' },
  idle: undefined,
  'own-tests': undefined,
};

let root = '';
let reports = '';
let summary = '';
let log: string[] = [];
// Closing removes the reporter's process 'exit' listener, which would otherwise fire when the worker ends.
const closers: (() => void)[] = [];

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'omlc-reporter-unit-'));
  reports = path.join(root, 'out');
  summary = path.join(root, 'summary.md');
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ version: '9.9.9' }));
  vi.stubEnv('OMLC_REPORTS_DIR', reports);
  vi.stubEnv('GITHUB_STEP_SUMMARY', summary);
  vi.stubEnv('OMLC_BASELINE', '');
  vi.stubEnv('OMLC_BASELINE_OUT', '');
  log = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void log.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void log.push(`error: ${line}`));
});

afterEach(() => {
  for (const close of closers.splice(0)) {
    close();
  }
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  resetChannel();
  resetRunState();
  process.exitCode = undefined;
  rmSync(root, { recursive: true, force: true });
});

const report = (): ConformanceReport =>
  JSON.parse(readFileSync(path.join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;

function started(options: { projects?: string[] } = { projects: ['offline', 'live', 'docker', 'idle'] }) {
  const fake = fakeVitest(root, TARGETS);
  const reporter = new ConformanceReporter(options);
  reporter.onInit(fake.vitest);
  closers.push(() => fake.close());
  reporter.onTestRunStart(['offline', 'offline', 'live', 'docker', 'own-tests'].map((p) => fake.spec(p)));
  return { fake, reporter };
}

const offlineModule = (result?: { state: 'skipped'; note: string }) =>
  fakeModule({
    moduleId: path.join(root, 'suites/a.spec.ts'),
    project: { name: 'offline', target: 'simulator 2.19' },
    cases: [{ name: 'register', meta: META, ...(result === undefined ? {} : { result }) }],
  });

describe('the conformance reporter, in-process', () => {
  it('replaces the previous reports at the start with one that says the run has not ended', () => {
    const { fake } = started();
    const r = report();
    expect(r).toMatchObject({ runId: 'run-1', cases: [], errors: [] });
    expect(r.run).toMatchObject({
      interrupted: true,
      outcome: 'interrupted',
      endReason: 'not ended yet (still running, or killed)',
      versions: { node: process.versions.node, vitest: '5.0.0-fake', harness: '9.9.9' },
    });
    expect(r.run.targets).toEqual([
      { project: 'offline', target: 'simulator 2.19', kind: 'simulator', version: '2.19.1' },
      { project: 'live', target: 'native: FAILED', kind: 'native' },
      { project: 'docker', target: 'container: skipped', kind: 'none' },
    ]);
    for (const file of ['compat-matrix.json', 'compat-matrix.md', 'index.html']) {
      expect(existsSync(path.join(reports, file))).toBe(true);
    }
    fake.close();
    expect(existsSync(summary)).toBe(false);
  });

  it('writes the covered cases at the end, prints one line per project, and the step summary once at close', async () => {
    const { fake, reporter } = started();
    reporter.onTestModuleQueued(offlineModule());
    const other = fakeModule({
      moduleId: '/x.spec.ts',
      project: { name: 'own-tests' },
      cases: [{ name: 'r', meta: META }],
    });
    await reporter.onTestRunEnd([offlineModule(), other], [], 'passed');
    const r = report();
    expect(r.cases.map((c) => c.caseId)).toEqual(['offline:lifecycle:tiny:lifecycle.register']);
    expect(r.run).toMatchObject({ interrupted: false, endReason: 'passed' });
    expect(r.errors.map((e) => e.id)).toEqual(['docker:not-run:files', 'live:not-run:files']);
    expect(log).toContain('[omlc] offline (simulator 2.19): 1 passed, 0 failed, 0 skipped');
    expect(log).toContain('[omlc] live (native: FAILED): 0 passed, 1 failed (1 outside checks), 0 skipped');
    expect(log.at(-1)).toBe(`[omlc] reports: ${reports}/{index.html,compat-matrix.md,conformance.json}`);
    fake.close();
    fake.close();
    const markdown = readFileSync(path.join(reports, 'compat-matrix.md'), 'utf8');
    expect(readFileSync(summary, 'utf8')).toBe(`${markdown}\n`);
  });

  it('marks a cancelled run with the cancel reason', async () => {
    const { fake, reporter } = started();
    reporter.onTestModuleQueued(offlineModule());
    reporter.onTestModuleQueued(fakeModule({ moduleId: '/b.spec.ts', project: { name: 'live' } }));
    fake.cancel('keyboard');
    await reporter.onTestRunEnd([], [], 'interrupted');
    expect(report().run).toMatchObject({ interrupted: true, outcome: 'interrupted', endReason: 'cancelled: keyboard' });
    expect(report().errors).toEqual([]);
    expect(log.at(-1)).toMatch(/ — run INTERRUPTED \(cancelled: keyboard\)$/);
  });

  it('says "cancelled" alone when no reason came, and keeps the latest entity of a module', async () => {
    const { reporter } = started();
    reporter.onTestModuleQueued(offlineModule());
    reporter.onTestModuleCollected(offlineModule({ state: 'skipped', note: 'collected later' }));
    await reporter.onTestRunEnd([], [], 'interrupted');
    expect(report().run.endReason).toBe('cancelled');
    expect(report().cases.map((c) => c.message)).toEqual(['collected later']);
  });

  it('gives cases skipped by a cancel the reason the run was aborted for', async () => {
    const { reporter } = started();
    abortRun({ kind: 'target-lost', project: 'offline', message: 'the cluster went away' });
    await reporter.onTestRunEnd([offlineModule({ state: 'skipped', note: CANCEL_NOTE })], [], 'interrupted');
    const r = report();
    expect(r.aborted).toEqual({ kind: 'target-lost', message: 'the cluster went away' });
    expect(r.cases[0]?.message).toBe('the cluster went away');
  });

  it('rewrites the reports when a global teardown fails after the end', async () => {
    const { fake, reporter } = started();
    recordRunError('global-setup', 'live', 'no cluster');
    await reporter.onTestRunEnd([offlineModule()], [serializedError('stray')], 'failed');
    expect(report().errors.map((e) => e.id)).toEqual([
      '(run):unhandled:unhandled error',
      'docker:not-run:files',
      'live:global-setup:0',
    ]);
    recordRunError('global-teardown', 'offline', 'leak audit: model left');
    log = [];
    fake.close();
    const r = report();
    expect(r.errors.map((e) => e.id)).toEqual([
      '(run):unhandled:unhandled error',
      'docker:not-run:files',
      'live:global-setup:0',
      'offline:global-teardown:1',
    ]);
    expect(r.run).toMatchObject({ endReason: 'failed', interrupted: false });
    expect(log[0]).toBe('[omlc] after the global teardowns:');
    expect(readFileSync(summary, 'utf8')).toContain('global teardown of offline');
  });

  it('rewrites the reports when a signal arrives during the teardowns, after the end', async () => {
    const { fake, reporter } = started();
    await reporter.onTestRunEnd([offlineModule()], [], 'passed');
    expect(report().aborted).toBeUndefined();
    abortRun({ kind: 'interrupted', signal: 'SIGTERM', message: 'run interrupted by SIGTERM' });
    log = [];
    fake.close();
    const r = report();
    expect(r.aborted).toEqual({ kind: 'interrupted', message: 'run interrupted by SIGTERM' });
    expect(r.run).toMatchObject({
      interrupted: true,
      endReason: 'passed; then run interrupted by SIGTERM during the clean-up',
    });
    expect(r.cases.map((c) => c.status)).toEqual(['passed']);
    expect(log[0]).toBe('[omlc] after the global teardowns:');
  });

  it('rewrites the reports at exit when a signal lands between the close and the exit, once', async () => {
    const { fake, reporter } = started();
    recordRunError('global-teardown', 'offline', 'leak audit: model left');
    await reporter.onTestRunEnd([offlineModule()], [], 'passed');
    fake.close();
    abortRun({ kind: 'interrupted', signal: 'SIGINT', message: 'run interrupted by SIGINT' });
    log = [];
    runExitAfterClose();
    const r = report();
    expect(r.aborted).toEqual({ kind: 'interrupted', message: 'run interrupted by SIGINT' });
    expect(r.errors.map((e) => e.id)).toEqual([
      'docker:not-run:files',
      'live:not-run:files',
      'offline:global-teardown:0',
    ]);
    expect(r.run.endReason).toBe('passed; then run interrupted by SIGINT during the clean-up');
    log = [];
    runExitAfterClose();
    expect(log).toEqual([]);
  });

  it('does not rewrite at exit when nothing happened after the close', async () => {
    const { fake, reporter } = started();
    await reporter.onTestRunEnd([offlineModule()], [], 'passed');
    fake.close();
    recordRunError('global-teardown', 'offline', 'too late to matter');
    log = [];
    runExitAfterClose();
    expect(log).toEqual([]);
    expect(report().errors.map((e) => e.id)).toEqual(['docker:not-run:files', 'live:not-run:files']);
  });

  it('does not rewrite at close when the run was aborted before its end (the report already says so)', async () => {
    const { fake, reporter } = started();
    abortRun({ kind: 'interrupted', signal: 'SIGINT', message: 'run interrupted by SIGINT' });
    await reporter.onTestRunEnd([offlineModule()], [], 'interrupted');
    log = [];
    fake.close();
    expect(log).toEqual([]);
    expect(report().run.endReason).toBe('cancelled');
  });

  it('does not rewrite at close when no teardown failed', async () => {
    const { fake, reporter } = started();
    await reporter.onTestRunEnd([offlineModule()], [], 'passed');
    log = [];
    fake.close();
    expect(log).toEqual([]);
  });

  it('writes what finished, marked interrupted, when the process exits before the end', () => {
    const { reporter } = started();
    reporter.onTestModuleQueued(offlineModule());
    const exit = (reporter as unknown as { onExit: () => void }).onExit;
    exit();
    expect(report().run).toMatchObject({
      interrupted: true,
      endReason: 'the process exited before the run ended (signal or process.exit)',
    });
    expect(report().cases).toHaveLength(1);
    expect(report().errors).toEqual([]);
    expect(readFileSync(summary, 'utf8')).toContain('|');
    writeFileSync(path.join(reports, 'conformance.json'), '{}');
    exit();
    expect(readFileSync(path.join(reports, 'conformance.json'), 'utf8')).toBe('{}');
  });

  it('logs the lines of the drift outputs', async () => {
    vi.stubEnv('OMLC_BASELINE', path.join(root, 'missing-baseline.json'));
    const { reporter } = started();
    await reporter.onTestRunEnd([offlineModule()], [], 'passed');
    expect(log.some((line) => line.startsWith('[omlc] no verdict regressions computed: '))).toBe(true);
    expect(process.exitCode).toBeUndefined();
  });

  it('fails the run when its drift outputs cannot be written', async () => {
    const { reporter } = started();
    mkdirSync(path.join(reports, 'drift.json'));
    await reporter.onTestRunEnd([offlineModule()], [], 'passed');
    expect(process.exitCode).toBe(1);
    expect(log.some((line) => /^error: \[omlc\] drift outputs: .*EISDIR/.test(line))).toBe(true);
    expect(report().drift).toEqual([
      {
        title: 'Drift outputs',
        columns: ['problem'],
        rows: [{ cells: [expect.stringContaining('EISDIR')], ok: false }],
      },
    ]);
    expect(report().run.outcome).toBe('failed');
  });

  it('covers every project without a projects option, and ignores calls outside a run', async () => {
    const fake = fakeVitest(root, TARGETS);
    const reporter = new ConformanceReporter();
    reporter.onTestModuleQueued(offlineModule());
    reporter.onTestModuleCollected(offlineModule());
    await reporter.onTestRunEnd([offlineModule()], [], 'passed');
    expect(existsSync(reports)).toBe(false);
    reporter.onInit(fake.vitest);
    (reporter as unknown as { onExit: () => void }).onExit();
    expect(existsSync(reports)).toBe(false);
    reporter.onTestRunStart([fake.spec('own-tests')]);
    await reporter.onTestRunEnd([], [], 'passed');
    expect(report().errors.map((e) => e.id)).toEqual(['own-tests:not-run:files']);
    fake.close();
  });

  it('reads the harness version as unknown without a package.json version', () => {
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ version: 3 }));
    const { fake } = started();
    expect(report().run.versions.harness).toBe('unknown');
    fake.close();
    rmSync(path.join(root, 'package.json'));
    const again = started();
    expect(report().run.versions.harness).toBe('unknown');
    again.fake.close();
  });

  it('prints the reports folder relative to the working directory, "." when it is that directory', async () => {
    const { fake, reporter } = started();
    vi.spyOn(process, 'cwd').mockReturnValue(reports);
    await reporter.onTestRunEnd([offlineModule()], [], 'passed');
    expect(log.at(-1)).toBe('[omlc] reports: ./{index.html,compat-matrix.md,conformance.json}');
    vi.spyOn(process, 'cwd').mockReturnValue(root);
    await reporter.onTestRunEnd([offlineModule()], [], 'passed');
    expect(log.at(-1)).toBe('[omlc] reports: out/{index.html,compat-matrix.md,conformance.json}');
    fake.close();
  });
});
