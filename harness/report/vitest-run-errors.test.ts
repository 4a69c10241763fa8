/** Errors outside the cases: which hook or load failed, where, and for which project, suite and card. */
import { describe, expect, it } from 'vitest';
import type { ConformanceCaseMeta } from './case-meta.ts';
import { fakeModule, serializedError } from './testing/fake-modules.ts';
import { moduleErrors, unhandledError } from './vitest-results.ts';

const META: ConformanceCaseMeta = { suite: 'lifecycle', check: 'lifecycle.register', card: 'tiny' };
const ROOT = '/repo';
const FILE = '/repo/suites/lifecycle.spec.ts';
const PROJECT = { name: 'offline:2.19' };
const request = { method: 'POST', path: '/_plugins/_ml/model_groups/_register', status: 500 };

describe('moduleErrors', () => {
  it('calls an error of a file that did not load a module error', () => {
    const module = fakeModule({ moduleId: FILE, project: PROJECT, errors: [serializedError('SyntaxError: x\nat y')] });
    expect(moduleErrors(module, ROOT)).toEqual([
      {
        id: 'offline:2.19:module:loading suites/lifecycle.spec.ts',
        kind: 'module',
        project: 'offline:2.19',
        where: 'loading suites/lifecycle.spec.ts',
        message: 'SyntaxError: x\nat y',
      },
    ]);
  });

  it('tells a file-level beforeAll from an afterAll by whether any case ran, numbering repeated errors', () => {
    const errors = [serializedError('first', { request }), serializedError('', { name: 'TypeError' })];
    const before = fakeModule({
      moduleId: FILE,
      project: PROJECT,
      errors,
      cases: [{ name: 'a', meta: META, result: { state: 'skipped' } }],
    });
    expect(moduleErrors(before, ROOT)).toEqual([
      {
        id: 'offline:2.19:hook:file-level beforeAll of suites/lifecycle.spec.ts',
        kind: 'hook',
        project: 'offline:2.19',
        where: 'file-level beforeAll of suites/lifecycle.spec.ts',
        suite: 'lifecycle',
        card: 'tiny',
        message: 'first',
        request,
      },
      {
        id: 'offline:2.19:hook:file-level beforeAll of suites/lifecycle.spec.ts#2',
        kind: 'hook',
        project: 'offline:2.19',
        where: 'file-level beforeAll of suites/lifecycle.spec.ts',
        suite: 'lifecycle',
        card: 'tiny',
        message: 'TypeError',
      },
    ]);
    for (const result of [
      { state: 'passed' },
      { state: 'failed', errors: [] },
      { state: 'skipped', note: 'n' },
    ] as const) {
      const after = fakeModule({ moduleId: FILE, project: PROJECT, errors, cases: [{ name: 'a', result }] });
      expect(moduleErrors(after, ROOT)[0]?.where).toBe('file-level afterAll of suites/lifecycle.spec.ts');
    }
    const pending = fakeModule({
      moduleId: FILE,
      project: PROJECT,
      errors,
      cases: [{ name: 'a', result: { state: 'pending' } }],
    });
    expect(moduleErrors(pending, ROOT)[0]?.where).toBe('file-level beforeAll of suites/lifecycle.spec.ts');
  });

  it('calls a file-level error an afterAll when any one case ran', () => {
    const errors = [serializedError('x')];
    const where = (cases: Parameters<typeof fakeModule>[0]['cases']): string | undefined =>
      moduleErrors(fakeModule({ moduleId: FILE, project: PROJECT, errors, cases }), ROOT)[0]?.where;
    expect(
      where([
        { name: 'a', result: { state: 'passed' } },
        { name: 'b', result: { state: 'skipped' } },
      ]),
    ).toBe('file-level afterAll of suites/lifecycle.spec.ts');
  });

  it('names the describe of a hook error, and the card of its first conformance case', () => {
    const module = fakeModule({
      moduleId: FILE,
      project: PROJECT,
      suites: [
        { name: 'empty', errors: [serializedError('collect failed')] },
        {
          name: 'lifecycle · tiny',
          errors: [serializedError('')],
          cases: [{ name: 'helper' }, { name: 'a', meta: META }],
        },
      ],
    });
    expect(moduleErrors(module, ROOT)).toEqual([
      {
        id: 'offline:2.19:hook:collecting it or a hook of "empty" in suites/lifecycle.spec.ts',
        kind: 'hook',
        project: 'offline:2.19',
        where: 'collecting it or a hook of "empty" in suites/lifecycle.spec.ts',
        message: 'collect failed',
      },
      {
        id: 'offline:2.19:hook:afterAll of "lifecycle · tiny" in suites/lifecycle.spec.ts',
        kind: 'hook',
        project: 'offline:2.19',
        where: 'afterAll of "lifecycle · tiny" in suites/lifecycle.spec.ts',
        suite: 'lifecycle',
        card: 'tiny',
        message: 'error',
      },
    ]);
  });

  it('shows the file as given when it is the root itself', () => {
    const module = fakeModule({ moduleId: ROOT, project: PROJECT, errors: [serializedError('x')] });
    expect(moduleErrors(module, ROOT)[0]?.where).toBe('loading /repo');
  });
});

describe('unhandledError', () => {
  const spec = { moduleId: FILE, cases: [{ name: 'register', meta: META }] };

  it('names the test, file, project and card it happened during', () => {
    const error = serializedError('socket hang up', {
      type: 'Unhandled Rejection',
      VITEST_TEST_PATH: FILE,
      VITEST_TEST_NAME: 'register',
      request,
    });
    expect(unhandledError(error, [fakeModule({ ...spec, project: PROJECT })], ROOT, 1)).toEqual({
      id: 'offline:2.19:unhandled:unhandled rejection during "register" in suites/lifecycle.spec.ts#2',
      kind: 'unhandled',
      project: 'offline:2.19',
      suite: 'lifecycle',
      card: 'tiny',
      where: 'unhandled rejection during "register" in suites/lifecycle.spec.ts',
      message: 'socket hang up',
      request,
    });
  });

  it('matches the test by its full name too, and leaves the project open when several ran the file', () => {
    const modules = [fakeModule({ ...spec, project: PROJECT }), fakeModule({ ...spec, project: { name: 'live:3.6' } })];
    const error = serializedError('boom', { VITEST_TEST_PATH: FILE, VITEST_TEST_NAME: 'register' });
    const e = unhandledError(error, modules, ROOT, 0);
    expect(e).not.toHaveProperty('project');
    expect(e).toMatchObject({
      id: '(run):unhandled:unhandled error during "register" in suites/lifecycle.spec.ts',
      card: 'tiny',
    });
    const nested = fakeModule({
      moduleId: FILE,
      project: PROJECT,
      suites: [{ name: 'd', cases: [{ name: 'x', meta: META }] }],
    });
    const byFullName = serializedError('boom', { VITEST_TEST_PATH: FILE, VITEST_TEST_NAME: 'd > x' });
    expect(unhandledError(byFullName, [nested], ROOT, 0)).toMatchObject({
      project: 'offline:2.19',
      suite: 'lifecycle',
    });
    const byName = serializedError('boom', { VITEST_TEST_PATH: FILE, VITEST_TEST_NAME: 'x' });
    expect(unhandledError(byName, [nested], ROOT, 0)).toMatchObject({ suite: 'lifecycle', card: 'tiny' });
  });

  it('says only what it knows of an error outside any test or file', () => {
    const modules = [fakeModule({ ...spec, project: PROJECT })];
    expect(unhandledError(serializedError('late'), modules, ROOT, 0)).toEqual({
      id: '(run):unhandled:unhandled error',
      kind: 'unhandled',
      where: 'unhandled error',
      message: 'late',
    });
    const inFile = serializedError('late', { VITEST_TEST_PATH: FILE, VITEST_TEST_NAME: 'other test' });
    const e = unhandledError(inFile, modules, ROOT, 0);
    expect(e).toMatchObject({
      project: 'offline:2.19',
      where: 'unhandled error during "other test" in suites/lifecycle.spec.ts',
    });
    expect(e).not.toHaveProperty('card');
    const noName = serializedError('late', { VITEST_TEST_PATH: FILE });
    expect(unhandledError(noName, modules, ROOT, 0)).not.toHaveProperty('card');
  });
});
