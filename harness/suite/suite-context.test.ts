/**
 * openSuite driven through a recording host instead of Vitest's `it`/hooks, against a canned-response cluster on a
 * real socket: what a check does with the catalog, its prerequisites, a failed target, wiring mistakes and timings.
 */
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { errorMessage } from '../errors/error-message.ts';
import { startFakeCluster, type FakeCluster } from '../ml/testing/fake-cluster.ts';
import type { ModelCard } from '../models/model-card.ts';
import type { ConformanceCaseMeta } from '../report/case-meta.ts';
import type { AvailableTarget, ProvidedTarget } from '../targets/target-info.ts';
import { testTarget } from '../targets/testing/test-target.ts';
import { openSuite, type SuiteHost } from './suite-context.ts';

interface Result {
  readonly title: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** Skip reason or failure message. */
  readonly message?: string;
  readonly meta?: ConformanceCaseMeta;
}

/** Like Vitest's PendingError, which `ctx.skip()` throws. */
class Skipped extends Error {
  readonly code = 'VITEST_PENDING';
}

/** Records what openSuite registers, then runs it the way Vitest would: beforeAll, tests in order, afterAll. */
function recordingHost(
  target: ProvidedTarget,
  testTimeoutMs?: number,
): SuiteHost & { run(): Promise<Result[]>; registered: ConformanceCaseMeta[] } {
  const tests: { title: string; body: (ctx: TestContext) => Promise<void> }[] = [];
  const registered: ConformanceCaseMeta[] = [];
  const before: (() => Promise<void>)[] = [];
  const after: (() => Promise<void>)[] = [];
  return {
    target,
    runId: 'rtest-0001',
    project: 'live:test',
    registered,
    it: (title, meta, body) => {
      registered.push(meta);
      tests.push({ title, body });
    },
    beforeAll: (hook) => before.push(hook),
    afterAll: (hook) => after.push(hook),
    async run() {
      for (const hook of before) {
        await hook();
      }
      const results: Result[] = [];
      for (const test of tests) {
        const task = { meta: {} as { conformance?: ConformanceCaseMeta }, timeout: testTimeoutMs };
        const ctx = {
          task,
          signal: new AbortController().signal,
          skip: (note: string) => {
            throw new Skipped(note);
          },
        } as unknown as TestContext;
        try {
          await test.body(ctx);
          results.push({ title: test.title, status: 'passed', meta: task.meta.conformance });
        } catch (error) {
          const status = error instanceof Skipped ? 'skipped' : 'failed';
          results.push({ title: test.title, status, message: errorMessage(error), meta: task.meta.conformance });
        }
      }
      for (const hook of after) {
        await hook();
      }
      return results;
    },
  };
}

const card = (asymmetric: boolean): ModelCard =>
  ({
    id: asymmetric ? 'asym-card' : 'sym-card',
    format: 'ONNX',
    expectations: { opensearch: '>=2.11.0', asymmetric },
  }) as unknown as ModelCard;

let cluster: FakeCluster;
let target: AvailableTarget;

beforeAll(async () => {
  cluster = await startFakeCluster();
  cluster.on('POST', '/_plugins/_ml/model_groups/_register', { body: { model_group_id: 'g-1', status: 'CREATED' } });
  cluster.on('DELETE', '/_plugins/_ml/model_groups/g-1', { body: { _id: 'g-1', result: 'deleted' } });
  // The scope audit finds nothing: ML Commons has not created its indices yet.
  cluster.on('POST', /\/_search$/, {
    status: 404,
    body: { error: { type: 'index_not_found_exception', reason: 'no such index [.plugins-ml-model]' } },
  });
  // … and no index or ingest pipeline carries the scope's prefix (a real node answers a bare 404 {} for pipelines).
  cluster.on('GET', /^\/_cat\/indices\//, { body: [] });
  cluster.on('GET', /^\/_ingest\/pipeline\//, { status: 404, body: {} });
  target = testTarget({ label: 'simulator 3.x', connection: { baseUrl: cluster.url } });
});

afterAll(() => cluster.close());

const pass = (): Promise<void> => Promise.resolve();
const fail = (message: string) => (): Promise<void> => Promise.reject(new Error(message));

describe('openSuite', () => {
  it('tags each case for the report and titles it from the catalog', async () => {
    const host = recordingHost(target);
    const s = openSuite('lifecycle', card(false), { host: host });
    s.check('lifecycle.register', pass);
    s.check('lifecycle.embedding', pass, { variant: 'short', after: ['lifecycle.register'] });
    s.check('upload.register', pass);
    expect(await host.run()).toEqual([
      {
        title: 'the model registers by the target’s path and is REGISTERED',
        status: 'passed',
        meta: { suite: 'lifecycle', check: 'lifecycle.register', card: 'sym-card', registration: 'url' },
      },
      {
        title: 'probe embedding has the declared shape, dtype and norm [short]',
        status: 'passed',
        meta: {
          suite: 'lifecycle',
          check: 'lifecycle.embedding',
          card: 'sym-card',
          variant: 'short',
          registration: 'url',
        },
      },
      {
        // The check's own path wins over the target's.
        title: 'metadata then chunks: REGISTERING until the last chunk, then REGISTERED',
        status: 'passed',
        meta: { suite: 'lifecycle', check: 'upload.register', card: 'sym-card', registration: 'upload' },
      },
    ]);
  });

  it('gives each case its identity when it is registered, before anything runs', () => {
    const host = recordingHost(target);
    const s = openSuite('lifecycle', card(false), { host });
    s.check('lifecycle.register', pass);
    s.check('lifecycle.embedding', pass, { variant: 'long', after: ['lifecycle.register'] });
    expect(host.registered).toEqual([
      { suite: 'lifecycle', check: 'lifecycle.register', card: 'sym-card', registration: 'url' },
      { suite: 'lifecycle', check: 'lifecycle.embedding', card: 'sym-card', registration: 'url', variant: 'long' },
    ]);
  });

  it("names the check's last request when an assertion on its answer fails, and only then", async () => {
    const host = recordingHost(target);
    const s = openSuite('cleanup', card(false), { host });
    s.check('cleanup.full-lifecycle', async () => {
      await s.lifecycle.registerGroup();
      throw new Error('expected something else in the answer');
    });
    s.check('cleanup.audit', async () => {
      await s.lifecycle.registerGroup();
    });
    const [failed, passed] = await host.run();
    expect(failed?.meta?.lastRequest).toEqual({
      method: 'POST',
      path: '/_plugins/_ml/model_groups/_register',
      status: 200,
    });
    expect(passed?.meta?.lastRequest).toBeUndefined();
  });

  it('a failed check fails with its own error, and what waits for it is skipped with the reason', async () => {
    const host = recordingHost(target);
    const s = openSuite('lifecycle', card(false), { host: host });
    s.check('lifecycle.register', fail('register task FAILED'));
    s.check('lifecycle.deploy', pass, { after: ['lifecycle.register'] });
    s.check('lifecycle.undeploy', pass, { after: ['lifecycle.deploy'] });
    s.check('lifecycle.delete', pass);
    expect((await host.run()).map((r) => [r.status, r.message])).toEqual([
      ['failed', 'register task FAILED'],
      ['skipped', 'needs "lifecycle.register", which failed'],
      ['skipped', 'needs "lifecycle.deploy", which was skipped'],
      ['passed', undefined],
    ]);
  });

  it('a check that skips itself at run time counts as skipped for what waits for it', async () => {
    const host = recordingHost(target);
    const s = openSuite('lifecycle', card(false), { host });
    s.check('lifecycle.register', (ctx) => {
      ctx.skip('nothing to register here');
      return Promise.resolve();
    });
    s.check('lifecycle.deploy', pass, { after: ['lifecycle.register'] });
    expect((await host.run()).map((r) => [r.status, r.message])).toEqual([
      ['skipped', 'nothing to register here'],
      ['skipped', 'needs "lifecycle.register", which was skipped'],
    ]);
  });

  it("skips with the catalog's reason before running anything", async () => {
    const host = recordingHost(target);
    const s = openSuite('asymmetric', card(false), { host: host });
    let ran = false;
    s.check('setup.deploy', () => {
      ran = true;
      return Promise.resolve();
    });
    s.check('asymmetric.divergence', pass, { after: ['setup.deploy'], variant: 'short' });
    s.check('asymmetric.content-type-required', pass, { after: ['setup.deploy'] });
    expect((await host.run()).map((r) => [r.status, r.message])).toEqual([
      [
        'skipped',
        'not needed here: every check that uses it is skipped (asymmetric.divergence, asymmetric.content-type-required)',
      ],
      ['skipped', 'applies to asymmetric (query/passage) models only; sym-card is symmetric ONNX'],
      ['skipped', 'applies to asymmetric (query/passage) models only; sym-card is symmetric ONNX'],
    ]);
    expect(ran).toBe(false);
  });

  it('runs a setup step one of whose dependents runs', async () => {
    const host = recordingHost(target);
    const s = openSuite('asymmetric', card(false), { host: host });
    s.check('setup.deploy', pass);
    s.check('asymmetric.divergence', pass, { after: ['setup.deploy'], variant: 'short' });
    s.check('asymmetric.content-type-on-symmetric', pass, { after: ['setup.deploy'] });
    expect((await host.run()).map((r) => r.status)).toEqual(['passed', 'skipped', 'passed']);
  });

  it('fails a check that waits for a key nothing registers, on any target', async () => {
    for (const provided of [target, { available: false, kind: 'none', label: 'live', reason: 'no target' } as const]) {
      const host = recordingHost(provided);
      const s = openSuite('lifecycle', card(false), { host: host });
      s.check('lifecycle.embedding', pass, { variant: 'short' });
      s.check('lifecycle.reference', pass, { variant: 'short', after: ['lifecycle.embedding[long]'] });
      const [, reference] = await host.run();
      expect(reference?.status).toBe('failed');
      expect(reference?.message).toMatch(/waits for "lifecycle.embedding\[long\]", which no check of this describe/);
    }
  });

  it('skips every check on an unavailable target, and fails them when the target failed to start', async () => {
    const skipped = recordingHost({ available: false, kind: 'none', label: 'live', reason: 'no live target: …' });
    openSuite('cleanup', card(false), { host: skipped }).check('cleanup.full-lifecycle', pass);
    expect(await skipped.run()).toMatchObject([{ status: 'skipped', message: 'no live target: …' }]);

    const failed = recordingHost({
      available: false,
      kind: 'native',
      label: 'native 2.19.6',
      reason: 'mvn failed\nlong details',
      failure: 'mvn failed',
    });
    openSuite('cleanup', card(false), { host: failed }).check('cleanup.full-lifecycle', pass);
    expect(await failed.run()).toMatchObject([
      { status: 'failed', message: "native 2.19.6 failed to start (details in the run's setup output): mvn failed" },
    ]);
  });

  it("records the lifecycle phases a check ran in its case's timings, and releases what it created", async () => {
    const host = recordingHost(target);
    const s = openSuite('cleanup', card(false), { host: host });
    s.check('cleanup.full-lifecycle', async () => {
      await s.lifecycle.registerGroup();
    });
    s.check('cleanup.audit', pass, { after: ['cleanup.full-lifecycle'] });
    const before = cluster.requests.length;
    const [first, second] = await host.run();
    expect(first?.meta?.timings?.map((t) => [t.phase, t.ok, typeof t.wallMs, t.serverMs])).toEqual([
      ['register-group', true, 'number', undefined],
    ]);
    expect(second?.meta?.timings).toBeUndefined();
    const calls = cluster.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(calls[0]).toBe('POST /_plugins/_ml/model_groups/_register');
    // afterAll: the ledger releases the group, then the scope audit searches models and groups and lists the
    // scope's indices and ingest pipelines.
    expect(calls).toContain('DELETE /_plugins/_ml/model_groups/g-1');
    const audit = calls.slice(calls.indexOf('DELETE /_plugins/_ml/model_groups/g-1') + 1);
    expect(audit.filter((c) => c.endsWith('/_search'))).toHaveLength(2);
    expect(
      audit.filter((c) => /^GET \/(_cat\/indices|_ingest\/pipeline)\/omlc-rtest-0001-cleanup-sym-card-\*$/.test(c)),
    ).toHaveLength(2);
  });

  it('ends a stuck wait inside the test timeout, with its state history', async () => {
    cluster.on('POST', '/_plugins/_ml/models/m-stuck/_deploy', { body: { task_id: 't-stuck', status: 'CREATED' } });
    cluster.on('GET', '/_plugins/_ml/tasks/t-stuck', { body: { state: 'RUNNING', task_type: 'DEPLOY_MODEL' } });
    // Released in afterAll: nothing to undeploy.
    cluster.on('GET', '/_plugins/_ml/models/m-stuck', { body: { name: 'm', model_state: 'REGISTERED' } });
    // Vitest's timeout of 2 s leaves the waits until 1 s (the minimum margin), not the deploy's own 300 s.
    const host = recordingHost({ ...target, polling: { initialIntervalMs: 50, maxIntervalMs: 100 } }, 2_000);
    const s = openSuite('lifecycle', card(false), { host });
    let elapsed = 0;
    s.check('lifecycle.deploy', async () => {
      const started = Date.now();
      try {
        await s.lifecycle.deploy('m-stuck');
      } finally {
        elapsed = Date.now() - started;
      }
    });
    const [result] = await host.run();
    expect(result?.status).toBe('failed');
    expect(result?.message).toMatch(
      /^task t-stuck: not done after \d+ ms; states seen: RUNNING ×\d+ \(0\.\d\d–[01]\.\d\d s\)/,
    );
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(1_900);
    const polls = cluster.requests.filter((r) => r.path === '/_plugins/_ml/tasks/t-stuck').length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cluster.requests.filter((r) => r.path === '/_plugins/_ml/tasks/t-stuck')).toHaveLength(polls);
  });

  it('offers the client and the lifecycle only once the describe has started on an available target', () => {
    const s = openSuite('cleanup', card(false), { host: recordingHost(target) });
    expect(() => s.client).toThrow('cleanup-sym-card: the ML client exists only inside checks and hooks');
    const offline = openSuite('cleanup', card(false), {
      host: recordingHost({ available: false, kind: 'none', label: 'live', reason: 'x' }),
    });
    expect(() => offline.live).toThrow('cleanup-sym-card: target live is not available: x');
  });
});
