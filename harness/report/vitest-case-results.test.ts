/** How one Vitest test case becomes a report case: status, the message a reader sees, the request at fault. */
import { describe, expect, it } from 'vitest';
import type { ConformanceCaseMeta } from './case-meta.ts';
import { fakeModule, serializedError, type FakeCaseSpec } from './testing/fake-modules.ts';
import { firstLine, shortMessage, targetLabel, toCaseResult } from './vitest-results.ts';

const META: ConformanceCaseMeta = { suite: 'lifecycle', check: 'lifecycle.register', card: 'tiny' };
const PROJECT = { name: 'offline:2.19', target: 'simulator 2.19' };

function only(spec: FakeCaseSpec, suiteErrors: readonly string[] = [], moduleErrors: readonly string[] = []) {
  const module = fakeModule({
    moduleId: '/repo/suites/lifecycle.spec.ts',
    project: PROJECT,
    errors: moduleErrors.map((m) => serializedError(m)),
    suites: [{ name: 'lifecycle · tiny', errors: suiteErrors.map((m) => serializedError(m)), cases: [spec] }],
  });
  const [testCase] = [...module.children.allTests()];
  if (testCase === undefined) {
    throw new Error('fake module without its case');
  }
  return testCase;
}

describe('message helpers', () => {
  it('keep the first line, and at most 8 lines or 1200 characters of a message', () => {
    expect(firstLine('one\ntwo')).toBe('one');
    expect(firstLine('')).toBe('');
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i}`);
    expect(shortMessage(`  \n${lines.join('\n')}\n  `)).toBe(lines.slice(0, 8).join('\n'));
    expect(shortMessage('x'.repeat(1200))).toBe('x'.repeat(1200));
    expect(shortMessage('x'.repeat(1201))).toBe(`${'x'.repeat(1199)}…`);
  });

  it('label the target a project provided, or say it was never resolved', () => {
    const resolved = only({ name: 'a', meta: META });
    expect(targetLabel(resolved)).toBe('simulator 2.19');
    const module = fakeModule({ moduleId: '/m.ts', project: { name: 'p' }, cases: [{ name: 'a', meta: META }] });
    const [unresolved] = [...module.children.allTests()];
    expect(unresolved && targetLabel(unresolved)).toBe('target not resolved');
  });
});

describe('toCaseResult', () => {
  it('ignores tests that are not conformance cases', () => {
    expect(toCaseResult(only({ name: 'helper' }))).toBeUndefined();
  });

  it('keys a passed case by project and meta, with its full title and rounded duration', () => {
    expect(toCaseResult(only({ name: 'register', meta: { ...META, variant: 'p1' }, durationMs: 12.6 }))).toEqual({
      caseId: 'offline:2.19:lifecycle:tiny:lifecycle.register:p1',
      project: 'offline:2.19',
      target: 'simulator 2.19',
      meta: { ...META, variant: 'p1' },
      title: 'lifecycle · tiny > register',
      status: 'passed',
      durationMs: 13,
    });
    expect(toCaseResult(only({ name: 'register', meta: META }))?.durationMs).toBe(0);
  });

  it('gives a skipped case its note, else the failed beforeAll of a describe or file, else "skipped" for it.skip', () => {
    const skipped = { state: 'skipped' } as const;
    expect(
      toCaseResult(only({ name: 'a', meta: META, result: { state: 'skipped', note: 'no target' } })),
    ).toMatchObject({ status: 'skipped', message: 'no target' });
    const note = only({ name: 'a', meta: META, result: { state: 'skipped', note: 'why' } }, ['hook broke']);
    expect(toCaseResult(note)?.message).toBe('why');
    expect(toCaseResult(only({ name: 'a', meta: META, result: skipped }, ['group failed\nstack']))?.message).toBe(
      "not run: its describe's beforeAll failed: group failed",
    );
    expect(toCaseResult(only({ name: 'a', meta: META, result: skipped }, [], ['file hook failed']))?.message).toBe(
      "not run: its describe's beforeAll failed: file hook failed",
    );
    expect(toCaseResult(only({ name: 'a', meta: META, result: skipped, mode: 'skip' }))?.message).toBe('skipped');
    expect(toCaseResult(only({ name: 'a', meta: META, result: skipped, mode: 'todo' }))).not.toHaveProperty('message');
  });

  it('names the request of a failed call, else the last request before a failed assertion', () => {
    const request = { method: 'POST', path: '/_plugins/_ml/models/_register', status: 400 };
    const own = serializedError('register refused\ndetails', { request });
    expect(toCaseResult(only({ name: 'a', meta: META, result: { state: 'failed', errors: [own] } }))).toMatchObject({
      status: 'failed',
      message: 'register refused',
      failure: { message: 'register refused\ndetails', request: { ...request, role: 'failed' } },
    });
    const last = { method: 'GET', path: '/_plugins/_ml/tasks/t1' };
    const assertion = serializedError('expected 3 to be 4');
    const withLast = only({
      name: 'a',
      meta: { ...META, lastRequest: last },
      result: { state: 'failed', errors: [assertion] },
    });
    expect(toCaseResult(withLast)?.failure).toEqual({
      message: 'expected 3 to be 4',
      request: { ...last, role: 'last' },
    });
    const bare = toCaseResult(only({ name: 'a', meta: META, result: { state: 'failed', errors: [] } }));
    expect(bare?.failure).toEqual({ message: 'failed' });
    expect(bare?.message).toBe('failed');
  });

  it('marks a case that never finished', () => {
    expect(toCaseResult(only({ name: 'a', meta: META, result: { state: 'pending' } }))).toMatchObject({
      status: 'pending',
      message: 'did not finish',
    });
    expect(toCaseResult(only({ name: 'a', meta: META }))).not.toHaveProperty('failure');
  });
});
