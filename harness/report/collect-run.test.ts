/** Gathering one run: cases and module errors of covered projects, unhandled and channel errors, unstarted projects. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConformanceCaseMeta } from './case-meta.ts';
import { channelErrors, collectRun, type RunSources } from './collect-run.ts';
import type { DriftTable } from './drift-slot.ts';
import { contributeDrift, recordRunError, resetChannel } from './run-channel.ts';
import { fakeModule, serializedError } from './testing/fake-modules.ts';

const META: ConformanceCaseMeta = { suite: 'lifecycle', check: 'lifecycle.register', card: 'tiny' };
const COVERED = new Set(['offline', 'live', 'idle']);
const TABLE: DriftTable = { title: 'Drift', columns: ['x'], rows: [] };

afterEach(resetChannel);

function sources(overrides: Partial<RunSources> = {}): RunSources {
  return {
    modules: [
      fakeModule({
        moduleId: '/repo/a.spec.ts',
        project: { name: 'offline' },
        cases: [{ name: 'register', meta: META }, { name: 'helper' }],
        errors: [serializedError('afterAll broke')],
      }),
      fakeModule({ moduleId: '/repo/a.spec.ts', project: { name: 'own-tests' }, cases: [{ name: 'r', meta: META }] }),
      fakeModule({ moduleId: '/repo/b.spec.ts', project: { name: 'live' }, state: 'queued' }),
    ],
    unhandled: [
      serializedError('covered', { VITEST_TEST_PATH: '/repo/b.spec.ts' }),
      serializedError('elsewhere', { VITEST_TEST_PATH: '/repo/c.spec.ts' }),
    ],
    root: '/repo',
    covers: (project) => COVERED.has(project),
    queued: new Map([
      ['offline', 1],
      ['live', 2],
      ['idle', 3],
    ]),
    interrupted: false,
    ...overrides,
  };
}

describe('channelErrors', () => {
  it('turns global setup and teardown errors of covered projects into run errors', () => {
    recordRunError('global-setup', 'live', Object.assign(new Error('down'), { request: { method: 'GET', path: '/' } }));
    recordRunError('global-teardown', 'own-tests', 'not covered');
    recordRunError('global-teardown', 'offline', 'leak');
    expect(channelErrors((p) => COVERED.has(p))).toEqual([
      {
        id: 'live:global-setup:0',
        kind: 'global-setup',
        project: 'live',
        where: 'global setup of live',
        message: 'down',
        request: { method: 'GET', path: '/' },
      },
      {
        id: 'offline:global-teardown:1',
        kind: 'global-teardown',
        project: 'offline',
        where: 'global teardown of offline',
        message: 'leak',
      },
    ]);
  });
});

describe('collectRun', () => {
  it('reports only covered projects, and every queued project none of whose files started', () => {
    contributeDrift([TABLE]);
    const run = collectRun(sources());
    expect(run.cases.map((c) => c.caseId)).toEqual(['offline:lifecycle:tiny:lifecycle.register']);
    expect(run.errors.map((e) => `${e.kind} ${e.project ?? '-'} ${e.where}`)).toEqual([
      'hook offline file-level afterAll of a.spec.ts',
      'unhandled live unhandled error in b.spec.ts',
      'unhandled - unhandled error in c.spec.ts',
      'not-run live live: none of its 2 test file(s) ran',
      'not-run idle idle: none of its 3 test file(s) ran',
    ]);
    expect(run.errors.find((e) => e.kind === 'not-run')).toEqual({
      id: 'live:not-run:files',
      kind: 'not-run',
      project: 'live',
      where: 'live: none of its 2 test file(s) ran',
      message:
        'its files were queued but none started; the run output above says why (usually its global setup failed)',
    });
    expect(run.drift).toEqual([TABLE]);
  });

  it('leaves out unhandled errors of uncovered projects', () => {
    const modules = [fakeModule({ moduleId: '/repo/x.spec.ts', project: { name: 'own-tests' } })];
    const run = collectRun(
      sources({
        modules,
        unhandled: [serializedError('u', { VITEST_TEST_PATH: '/repo/x.spec.ts' })],
        queued: new Map(),
      }),
    );
    expect(run.errors).toEqual([]);
  });

  it('explains a project that never ran by its failed global setup, or by the interruption', () => {
    recordRunError('global-setup', 'live', 'no cluster');
    const run = collectRun(sources({ unhandled: [] }));
    expect(run.errors.map((e) => e.id)).toEqual([
      'offline:hook:file-level afterAll of a.spec.ts',
      'live:global-setup:0',
      'idle:not-run:files',
    ]);
    const interrupted = collectRun(sources({ unhandled: [], interrupted: true }));
    expect(interrupted.errors.some((e) => e.kind === 'not-run')).toBe(false);
  });

  it('does not count a project whose setup failed in teardown only', () => {
    recordRunError('global-teardown', 'idle', 'leak');
    const run = collectRun(sources({ unhandled: [] }));
    expect(run.errors.map((e) => e.id)).toContain('idle:not-run:files');
  });
});
