import { describe, expect, it } from 'vitest';
import type { CheckId, CheckKey } from '../checks/catalog/index.ts';
import { CheckRegistry, checkKey, CheckWiringError, type RegisteredCheck } from './check-registry.ts';

const check = (id: CheckId, after: readonly CheckKey[] = [], variant?: string): RegisteredCheck => ({
  id,
  key: checkKey(id, variant),
  after,
});

/** The catalog skips exactly the ids listed here, with "skip <id>" as the reason. */
const skipping =
  (...ids: CheckId[]) =>
  (id: CheckId): string | undefined =>
    ids.includes(id) ? `skip ${id}` : undefined;

function registry(...checks: RegisteredCheck[]): CheckRegistry {
  const r = new CheckRegistry('lifecycle-card');
  for (const c of checks) {
    r.register(c);
  }
  return r;
}

function wiringError(r: CheckRegistry, c: RegisteredCheck): string | undefined {
  try {
    r.assertWired(c);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(CheckWiringError);
    expect((error as CheckWiringError).code).toBe('check-wiring');
    return (error as Error).message;
  }
}

describe('checkKey', () => {
  it('is the id, or id[variant]', () => {
    expect(checkKey('lifecycle.embedding')).toBe('lifecycle.embedding');
    expect(checkKey('lifecycle.embedding', 'short')).toBe('lifecycle.embedding[short]');
  });
});

describe('CheckRegistry prerequisites', () => {
  const register = check('lifecycle.register');
  const deploy = check('lifecycle.deploy', ['lifecycle.register']);

  it('runs a check whose prerequisites passed', () => {
    const r = registry(register, deploy);
    r.record('lifecycle.register', 'passed');
    expect(r.skipReason(deploy, skipping())).toBeUndefined();
  });

  it.for([
    ['failed', 'needs "lifecycle.register", which failed'],
    ['skipped', 'needs "lifecycle.register", which was skipped'],
    [undefined, 'needs "lifecycle.register", which did not run'],
  ] as const)('skips a check whose prerequisite %s', ([outcome, reason]) => {
    const r = registry(register, deploy);
    if (outcome !== undefined) {
      r.record('lifecycle.register', outcome);
    }
    expect(r.skipReason(deploy, skipping())).toBe(reason);
  });

  it('names the first prerequisite that did not pass, variants included', () => {
    const embedding = check('lifecycle.embedding', [], 'short');
    const dependent = check('lifecycle.batch', ['lifecycle.register', 'lifecycle.embedding[short]']);
    const r = registry(register, embedding, dependent);
    r.record('lifecycle.register', 'passed');
    r.record('lifecycle.embedding[short]', 'failed');
    expect(r.skipReason(dependent, skipping())).toBe('needs "lifecycle.embedding[short]", which failed');
    expect(r.outcome('lifecycle.embedding[short]')).toBe('failed');
  });

  it("gives the catalog's reason first", () => {
    const r = registry(register, deploy);
    expect(r.skipReason(deploy, skipping('lifecycle.deploy'))).toBe('skip lifecycle.deploy');
  });
});

describe('CheckRegistry derived neededBy', () => {
  const setup = check('setup.deploy');
  const divergence = check('asymmetric.divergence', ['setup.deploy'], 'short');
  const onSymmetric = check('asymmetric.content-type-on-symmetric', ['setup.deploy']);
  const required = check('asymmetric.content-type-required', ['setup.deploy']);

  it('runs a setup step while one check that waits for it can run', () => {
    const r = registry(setup, onSymmetric, divergence);
    expect(r.skipReason(setup, skipping('asymmetric.divergence'))).toBeUndefined();
  });

  it('skips a setup step when the catalog skips every check waiting for it, listed once each in catalog order', () => {
    const r = registry(
      setup,
      onSymmetric,
      required,
      divergence,
      check('asymmetric.divergence', ['setup.deploy'], 'long'),
    );
    const all = skipping(
      'asymmetric.divergence',
      'asymmetric.content-type-on-symmetric',
      'asymmetric.content-type-required',
    );
    expect(r.skipReason(setup, all)).toBe(
      'not needed here: every check that uses it is skipped (asymmetric.divergence, asymmetric.content-type-required, asymmetric.content-type-on-symmetric)',
    );
  });

  it('only counts checks that wait for this step', () => {
    const unrelated = check('asymmetric.content-type-required');
    const r = registry(setup, divergence, unrelated);
    expect(r.skipReason(setup, skipping('asymmetric.divergence'))).toMatch(/^not needed here/);
  });

  it('follows setup steps that wait for setup steps', () => {
    const register = check('setup.register');
    const deploy = check('setup.deploy', ['setup.register']);
    const uses = check('api.delete-deployed-model', ['setup.deploy']);
    const r = registry(register, deploy, uses);
    expect(r.skipReason(register, skipping())).toBeUndefined();
    expect(r.skipReason(register, skipping('api.delete-deployed-model'))).toBe(
      'not needed here: every check that uses it is skipped (setup.deploy)',
    );
  });

  it('does not apply to checks that are not setup steps', () => {
    const register = check('lifecycle.register');
    const r = registry(register, check('lifecycle.deploy', ['lifecycle.register']));
    expect(r.skipReason(register, skipping('lifecycle.deploy'))).toBeUndefined();
  });

  it('stops at setup steps that wait for each other', () => {
    const a = check('setup.register', ['setup.deploy']);
    const b = check('setup.deploy', ['setup.register']);
    const r = registry(a, b);
    expect(r.skipReason(a, skipping())).toBe('needs "setup.deploy", which did not run');
  });
});

describe('CheckRegistry wiring', () => {
  it('accepts prerequisites registered anywhere in the describe, before or after', () => {
    const deploy = check('lifecycle.deploy', ['lifecycle.register']);
    expect(wiringError(registry(deploy, check('lifecycle.register')), deploy)).toBeUndefined();
  });

  it('fails loudly on a key nothing registers (e.g. a misspelt variant)', () => {
    const reference = check('lifecycle.reference', ['lifecycle.embedding[shrot]'], 'short');
    const r = registry(check('lifecycle.embedding', [], 'short'), reference);
    expect(wiringError(r, reference)).toBe(
      'lifecycle-card: lifecycle.reference[short] waits for "lifecycle.embedding[shrot]", which no check of this ' +
        'describe registers (a misspelt variant, or a check of another describe)',
    );
  });

  it('fails loudly on a key registered twice', () => {
    const twice = check('lifecycle.batch');
    expect(wiringError(registry(twice, check('lifecycle.batch')), twice)).toBe(
      'lifecycle-card: lifecycle.batch is registered more than once in this describe; give each a variant',
    );
  });

  it('fails loudly on a setup step nothing waits for', () => {
    const setup = check('setup.register');
    expect(wiringError(registry(setup, check('api.unknown-ids')), setup)).toBe(
      "lifecycle-card: setup.register is a setup step no check of this describe waits for: declare after: ['setup.register'] on the checks that use it, or remove the step",
    );
  });
});
