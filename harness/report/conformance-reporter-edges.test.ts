/** The conformance reporter's edges: used without onInit, closed before any run, timing, the channel at run start. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { abortRun, resetRunState } from '../run/run-state.ts';
import type { ConformanceCaseMeta } from './case-meta.ts';
import ConformanceReporter from './conformance-reporter.ts';
import { atExitAfterClose } from './exit-after-close.ts';
import type { ConformanceReport } from './report-model.ts';
import { recordRunError, resetChannel } from './run-channel.ts';
import { fakeModule } from './testing/fake-modules.ts';
import { fakeVitest } from './testing/fake-vitest.ts';

const META: ConformanceCaseMeta = { suite: 'lifecycle', check: 'lifecycle.register', card: 'tiny' };
const CANCEL_NOTE = 'The test run was aborted by the user.';
let root = '';
let reports = '';
let summary = '';

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'omlc-reporter-edges-'));
  reports = path.join(root, 'out');
  summary = path.join(root, 'summary.md');
  vi.stubEnv('OMLC_REPORTS_DIR', reports);
  vi.stubEnv('GITHUB_STEP_SUMMARY', summary);
  vi.stubEnv('OMLC_BASELINE', '');
  vi.stubEnv('OMLC_BASELINE_OUT', '');
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  resetChannel();
  resetRunState();
  rmSync(root, { recursive: true, force: true });
});

const report = (): ConformanceReport =>
  JSON.parse(readFileSync(path.join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;

const skippedModule = (notes: readonly string[]) =>
  fakeModule({
    moduleId: path.join(root, 'a.spec.ts'),
    project: { name: 'p' },
    cases: notes.map((note, i) => ({
      name: `c${i}`,
      meta: { ...META, variant: `v${i}` },
      result: { state: 'skipped', note },
    })),
  });

describe('the conformance reporter without onInit', () => {
  it('reports an unknown run id and versions, no targets, and does not listen for a cancel', async () => {
    const reporter = new ConformanceReporter();
    reporter.onTestRunStart([]);
    reporter.onTestModuleQueued(skippedModule(['n']));
    await reporter.onTestRunEnd([], [], 'passed');
    const r = report();
    expect(r.runId).toBe('unknown-run');
    expect(r.run.versions).toEqual({ node: process.versions.node, vitest: 'unknown', harness: 'unknown' });
    expect(r.run.targets).toEqual([]);
  });
});

describe('the conformance reporter around a run', () => {
  it('listens for the process exit from onInit until close, and closes quietly before any run', () => {
    // The one shared listener for what comes after a close (exit-after-close.ts) is installed once per process.
    atExitAfterClose(() => undefined);
    const before = process.listenerCount('exit');
    const fake = fakeVitest(root, {});
    new ConformanceReporter().onInit(fake.vitest);
    expect(process.listenerCount('exit')).toBe(before + 1);
    recordRunError('global-teardown', 'p', 'x');
    fake.close();
    expect(process.listenerCount('exit')).toBe(before);
    expect(existsSync(summary)).toBe(false);
  });

  it('neither rewrites nor summarises at close a run that never ended', () => {
    const fake = fakeVitest(root, {});
    const reporter = new ConformanceReporter();
    reporter.onInit(fake.vitest);
    reporter.onTestRunStart([fake.spec('p')]);
    recordRunError('global-teardown', 'p', 'late');
    fake.close();
    expect(report().run.endReason).toBe('not ended yet (still running, or killed)');
    expect(existsSync(summary)).toBe(false);
  });

  it('writes no step summary without GITHUB_STEP_SUMMARY', async () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    const fake = fakeVitest(root, {});
    const reporter = new ConformanceReporter();
    reporter.onInit(fake.vitest);
    reporter.onTestRunStart([]);
    await reporter.onTestRunEnd([], [], 'passed');
    expect(() => fake.close()).not.toThrow();
  });

  it('forgets errors of a previous run, counts queued files, and times the run from its start', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T10:00:00.000Z'));
    recordRunError('global-setup', 'p', 'from the previous run');
    const fake = fakeVitest(root, {
      p: { available: true, kind: 'simulator', label: 'sim', version: '2.19.1' },
      idle: undefined,
    });
    const reporter = new ConformanceReporter();
    reporter.onInit(fake.vitest);
    reporter.onTestRunStart([fake.spec('p'), fake.spec('p'), fake.spec('idle')]);
    expect(report().driftReport).toBeUndefined();
    vi.setSystemTime(new Date('2026-12-02T10:00:05.000Z'));
    await reporter.onTestRunEnd([], [], 'failed');
    const r = report();
    expect(r.run.startedAt).toBe('2026-12-02T10:00:00.000Z');
    expect(r.run.durationMs).toBe(5000);
    expect(r.errors.map((e) => e.where)).toEqual([
      'idle: none of its 1 test file(s) ran',
      'p: none of its 2 test file(s) ran',
    ]);
    expect(r.run.targets).toEqual([
      { project: 'p', target: 'sim', kind: 'simulator', version: '2.19.1' },
      { project: 'idle', target: 'target not resolved' },
    ]);
    expect(r.driftReport).toBeDefined();
    fake.close();
  });

  it('replaces only the cancel note by the abort reason, and keeps the note when nothing aborted', async () => {
    const plain = new ConformanceReporter();
    plain.onTestRunStart([]);
    await plain.onTestRunEnd([skippedModule([CANCEL_NOTE])], [], 'interrupted');
    expect(report().cases.map((c) => c.message)).toEqual([CANCEL_NOTE]);
    const aborted = new ConformanceReporter();
    aborted.onTestRunStart([]);
    abortRun({ kind: 'bad-input', project: 'p', message: 'the card is broken' });
    await aborted.onTestRunEnd([skippedModule([CANCEL_NOTE, 'own reason'])], [], 'interrupted');
    expect(report().cases.map((c) => c.message)).toEqual(['the card is broken', 'own reason']);
  });

  it('listens for a cancel from the first queued file', async () => {
    const fake = fakeVitest(root, {});
    const reporter = new ConformanceReporter();
    reporter.onInit(fake.vitest);
    reporter.onTestRunStart([]);
    reporter.onTestModuleQueued(skippedModule(['n']));
    fake.cancel('ctrl-c');
    await reporter.onTestRunEnd([], [], 'interrupted');
    expect(report().run.endReason).toBe('cancelled: ctrl-c');
    writeFileSync(summary, '');
    fake.close();
  });
});
