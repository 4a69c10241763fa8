/**
 * `ml-conformance sweep` against a canned-response cluster on a real socket: what it lists, what --dry-run, --yes,
 * --older-than and --run-id do, and that it never removes anything without a confirmation.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeCluster, type FakeCluster } from '../ml/testing/fake-cluster.ts';
import { UsageError } from './cli-args.ts';
import { parseAge, planSweep, sweepVerb } from './sweep-verb.ts';
import type { CliContext } from './verb.ts';

const OLD = 'omlc-r20261201t000000-aaaa-lifecycle-tiny-model';
const NEW = 'omlc-r20261202t115900-bbbb-lifecycle-tiny-model';
const GROUP = 'omlc-r20261201t000000-aaaa-lifecycle-tiny-group';
const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);

let cluster: FakeCluster;
let state: Record<string, string>;

const hits = (...docs: { _id: string; _source: Record<string, unknown> }[]) => ({
  body: { hits: { total: { value: docs.length }, hits: docs } },
});

beforeEach(async () => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  cluster = await startFakeCluster();
  state = { m1: 'DEPLOYED', m2: 'REGISTERED' };
  cluster.on('GET', '/', { body: { version: { number: '3.6.0', distribution: 'opensearch' } } });
  cluster.on('POST', '/_plugins/_ml/models/_search', () =>
    hits(
      ...[
        { _id: 'm1', _source: { name: OLD, model_state: state.m1 } },
        { _id: 'm2', _source: { name: NEW, model_state: state.m2 } },
      ].filter((h) => state[h._id] !== undefined),
    ),
  );
  cluster.on('POST', '/_plugins/_ml/model_groups/_search', hits({ _id: 'g1', _source: { name: GROUP } }));
  cluster.on('GET', /^\/_plugins\/_ml\/models\/m\d$/, (r) => {
    const id = r.path.split('/').at(-1) ?? '';
    return state[id] === undefined
      ? { status: 404, body: { error: 'gone' } }
      : { body: { name: id, model_state: state[id] } };
  });
  cluster.on('POST', /\/_undeploy$/, (r) => {
    const id = r.path.split('/').at(-2) ?? '';
    state[id] = 'UNDEPLOYED';
    return { body: { n1: { stats: { [id]: 'undeployed' } } } };
  });
  cluster.on('DELETE', /^\/_plugins\/_ml\/models\//, (r) => {
    const id = r.path.split('/').at(-1) ?? '';
    delete state[id];
    return { body: { _id: id, result: 'deleted' } };
  });
  cluster.on('DELETE', '/_plugins/_ml/model_groups/g1', { body: { _id: 'g1', result: 'deleted' } });
});

afterEach(async () => {
  vi.useRealTimers();
  await cluster.close();
});

function cli(answer?: string): CliContext & { text: () => string } {
  let out = '';
  return {
    root: '.',
    out: (t) => (out += t),
    err: (t) => (out += t),
    ...(answer === undefined ? {} : { ask: () => Promise.resolve(answer) }),
    text: () => out,
  };
}

const mutations = (): string[] =>
  cluster.requests
    .filter((r) => r.method === 'DELETE' || r.path.endsWith('_undeploy'))
    .map((r) => `${r.method} ${r.path}`);

describe('sweep', () => {
  it('lists every omlc-* resource with its run and age; --dry-run removes nothing', async () => {
    const c = cli();
    expect(await sweepVerb.run(['--url', cluster.url, '--dry-run'], c)).toBe(0);
    expect(c.text()).toContain(`3 omlc-* resource(s) on ${cluster.url} (opensearch 3.6.0):`);
    expect(c.text()).toContain('  run r20261201t000000-aaaa: 2 (1 model, 1 model-group), 36 h 0 min old');
    expect(c.text()).toContain(`    model ${OLD} (m1) DEPLOYED, 36 h 0 min old`);
    expect(c.text()).toContain('1 of them are less than 1 h old');
    expect(c.text()).toContain('dry run: nothing removed');
    expect(mutations()).toEqual([]);
  });

  it('removes nothing without a terminal to confirm on, unless --yes', async () => {
    const c = cli();
    expect(await sweepVerb.run(['--url', cluster.url], c)).toBe(2);
    expect(c.text()).toContain('not a terminal, so nobody can confirm: pass --yes');
    expect(mutations()).toEqual([]);
  });

  it('asks, and on yes undeploys and deletes models before their groups', async () => {
    const c = cli('y');
    expect(await sweepVerb.run(['--url', cluster.url], c)).toBe(0);
    expect(mutations()).toEqual([
      'POST /_plugins/_ml/models/m1/_undeploy',
      'DELETE /_plugins/_ml/models/m1',
      'DELETE /_plugins/_ml/models/m2',
      'DELETE /_plugins/_ml/model_groups/g1',
    ]);
    expect(c.text()).toContain('swept 3 resource(s)');
  });

  it('on no removes nothing', async () => {
    expect(await sweepVerb.run(['--url', cluster.url], cli('n'))).toBe(0);
    expect(mutations()).toEqual([]);
  });

  it('--older-than and --run-id narrow what is removed', async () => {
    const c = cli();
    expect(await sweepVerb.run(['--url', cluster.url, '--older-than', '1h', '--yes'], c)).toBe(0);
    expect(mutations()).toEqual([
      'POST /_plugins/_ml/models/m1/_undeploy',
      'DELETE /_plugins/_ml/models/m1',
      'DELETE /_plugins/_ml/model_groups/g1',
    ]);
    const only = cli();
    expect(await sweepVerb.run(['--url', cluster.url, '--run-id', 'r20261202t115900-bbbb', '--yes'], only)).toBe(0);
    expect(mutations().at(-1)).toBe('DELETE /_plugins/_ml/models/m2');
  });

  it('fails fast with the reason when the cluster cannot be reached', async () => {
    const url = cluster.url;
    await cluster.close();
    const c = cli();
    expect(await sweepVerb.run(['--url', url, '--yes'], c)).toBe(1);
    expect(c.text()).toContain(`nothing is listening at ${url} (connection refused)`);
  });

  it('parses its options', () => {
    expect(parseAge('90s')).toBe(90_000);
    expect(parseAge('30m')).toBe(1_800_000);
    expect(parseAge('2d')).toBe(172_800_000);
    expect(() => parseAge('soon')).toThrow(UsageError);
    expect(planSweep(['--url', 'http://h:9200', '--older-than', '1h', '--dry-run'])).toEqual({
      env: { OPENSEARCH_URL: 'http://h:9200' },
      olderThanMs: 3_600_000,
      dryRun: true,
      yes: false,
    });
  });
});
