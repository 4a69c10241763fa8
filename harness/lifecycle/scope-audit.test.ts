import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCodedError } from '../errors/omlc-error.ts';
import { createMlClient, type MlClient } from '../ml/client.ts';
import { startFakeCluster, type FakeCluster } from '../ml/testing/fake-cluster.ts';
import * as real from '../ml/testing/verified-responses.ts';
import { resourceName } from './resource-naming.ts';
import { assertScopeClean, findScopeLeaks, LeakError } from './scope-audit.ts';

const RUN = 'r20261202t041500-7c1e';
const SCOPE = 'integrity-tiny-onnx-sym';
const name = (scope: string, purpose: string): string => resourceName(RUN, scope, purpose);

const groupNotFound = {
  error: { type: 'status_exception', reason: 'Failed to find model group with the provided model group id: x' },
  status: 404,
};

let cluster: FakeCluster;
let client: MlClient;
/** Ids the fake cluster still has (a realtime GET finds them); search hits outside it are already deleted. */
let existing: Set<string>;

const hits = (...docs: { _id: string; _source: Record<string, unknown> }[]) => ({
  body: { hits: { total: { value: docs.length, relation: 'eq' }, hits: docs } },
});

/**
 * Models: a leak of the scope, one the search still shows but that is gone, one of a scope whose name only starts
 * like this one (`…-sym2`), one of another run, and a chunk document of the leak. Groups: a leak of the scope and
 * one of another scope of the same run.
 */
function serveSearches(): void {
  cluster.on('POST', '/_plugins/_ml/models/_search', hits(
    { _id: 'm-leak', _source: { name: name(SCOPE, 'model'), model_state: 'REGISTERED' } },
    { _id: 'm-gone', _source: { name: name(SCOPE, 'model-2'), model_state: 'REGISTERED' } },
    { _id: 'm-sibling', _source: { name: name(`${SCOPE}2`, 'model'), model_state: 'REGISTERED' } },
    { _id: 'm-other-run', _source: { name: resourceName('r20250101t000000-aaaa', SCOPE, 'model') } },
    { _id: 'm-leak_0', _source: { name: name(SCOPE, 'model'), model_id: 'm-leak', chunk_number: 0 } },
  )); // prettier-ignore
  cluster.on('POST', '/_plugins/_ml/model_groups/_search', hits(
    { _id: 'g-leak', _source: { name: name(SCOPE, 'group') } },
    { _id: 'g-lifecycle', _source: { name: name('lifecycle-tiny-onnx-sym', 'group') } },
  )); // prettier-ignore
}

beforeEach(async () => {
  cluster = await startFakeCluster();
  client = createMlClient({ baseUrl: cluster.url });
  existing = new Set(['m-leak', 'm-sibling', 'm-other-run', 'g-leak', 'g-lifecycle']);
  // Anything else a newer audit searches for (other resource kinds) is absent on this cluster.
  cluster.on('POST', /\/_search$/, hits());
  const lookup = (kind: 'model' | 'group') => (r: { path: string }) => {
    const id = r.path.split('/').at(-1) ?? '';
    if (!existing.has(id)) {
      return { status: 404, body: kind === 'model' ? real.modelNotFound : groupNotFound };
    }
    return { body: kind === 'model' ? { name: id, model_state: 'REGISTERED' } : { name: id } };
  };
  cluster.on('GET', /^\/_plugins\/_ml\/models\/[^/]+$/, lookup('model'));
  cluster.on('GET', /^\/_plugins\/_ml\/model_groups\/[^/]+$/, lookup('group'));
  cluster.on('DELETE', /^\/_plugins\/_ml\/models\/[^/]+$/, (r) => {
    existing.delete(r.path.split('/').at(-1) ?? '');
    return { body: real.deleteModel };
  });
  cluster.on('DELETE', /^\/_plugins\/_ml\/model_groups\/[^/]+$/, (r) => {
    existing.delete(r.path.split('/').at(-1) ?? '');
    return { body: real.deleteGroup };
  });
});

afterEach(async () => {
  await client.close();
  await cluster.close();
});

const summary = (leaks: readonly { kind: string; id: string; name: string }[]) =>
  leaks.map((l) => `${l.kind} ${l.id} ${l.name}`).sort();

describe('findScopeLeaks', () => {
  it("finds the scope's resources that still exist, and nothing of other scopes or runs", async () => {
    serveSearches();
    expect(summary(await findScopeLeaks(client, RUN, SCOPE))).toEqual([
      `model m-leak ${name(SCOPE, 'model')}`,
      `model-group g-leak ${name(SCOPE, 'group')}`,
    ]);
  });

  it("finds every resource of the run without a scope (the end-of-run audit's question)", async () => {
    serveSearches();
    expect(summary(await findScopeLeaks(client, RUN))).toEqual([
      `model m-leak ${name(SCOPE, 'model')}`,
      `model m-sibling ${name(`${SCOPE}2`, 'model')}`,
      `model-group g-leak ${name(SCOPE, 'group')}`,
      `model-group g-lifecycle ${name('lifecycle-tiny-onnx-sym', 'group')}`,
    ]);
  });

  it('finds nothing on a clean cluster, or when every hit is already deleted', async () => {
    expect(await findScopeLeaks(client, RUN, SCOPE)).toEqual([]);
    serveSearches();
    existing.clear();
    expect(await findScopeLeaks(client, RUN, SCOPE)).toEqual([]);
  });

  it('fails when a hit cannot be confirmed (an error other than 404)', async () => {
    serveSearches();
    cluster.on('GET', '/_plugins/_ml/models/m-leak', { status: 500, body: { error: { reason: 'shard failure' } } });
    await expect(findScopeLeaks(client, RUN, SCOPE)).rejects.toThrowError(/500: shard failure/);
  });
});

describe('assertScopeClean', () => {
  it('throws a LeakError naming each leak, after deleting them (models first)', async () => {
    serveSearches();
    const error = await assertScopeClean(client, RUN, SCOPE).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LeakError);
    expect(isCodedError(error, LeakError, 'leak')).toBe(true);
    const leakError = error as LeakError;
    expect(summary(leakError.leaks)).toHaveLength(2);
    expect(leakError.message).toContain(`leak audit (scope ${SCOPE}): 2 resource(s) left on the cluster`);
    expect(leakError.message).toContain(`model m-leak "${name(SCOPE, 'model')}"`);
    expect(leakError.message).toContain(`model-group g-leak "${name(SCOPE, 'group')}"`);
    const deletes = cluster.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
    expect(deletes).toEqual(['/_plugins/_ml/models/m-leak', '/_plugins/_ml/model_groups/g-leak']);
    expect([...existing].sort()).toEqual(['g-lifecycle', 'm-other-run', 'm-sibling']);
  });

  it('returns quietly and deletes nothing when the scope is clean', async () => {
    serveSearches();
    existing.delete('m-leak');
    existing.delete('g-leak');
    await expect(assertScopeClean(client, RUN, SCOPE)).resolves.toBeUndefined();
    expect(cluster.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('lists each leak on a line of its own', () => {
    const error = new LeakError(
      [
        { kind: 'model', id: 'm1', name: 'omlc-a' },
        { kind: 'model-group', id: 'g1', name: 'omlc-b' },
      ],
      'run',
    );
    expect(error.name).toBe('LeakError');
    expect(error.message).toBe(
      'leak audit (run): 2 resource(s) left on the cluster after clean-up (swept now):\n' +
        '  model m1 "omlc-a"\n  model-group g1 "omlc-b"',
    );
  });
});
