import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMlClient, type MlClient } from '../ml/client.ts';
import { startFakeCluster, type FakeCluster, type RecordedRequest } from '../ml/testing/fake-cluster.ts';
import * as real from '../ml/testing/verified-responses.ts';
import { findRunResources, sweepRunResources } from './leak-audit.ts';
import { runIdPrefix } from './resource-naming.ts';

const RUN = 'r20261123t040512-3fa9';
const PREFIX = runIdPrefix(RUN);

let cluster: FakeCluster;
let client: MlClient;

const hits = (...docs: { _id: string; _source: Record<string, unknown> }[]) => ({
  body: { hits: { total: { value: docs.length, relation: 'eq' }, hits: docs } },
});

/** Models: one deployed, one registered, one chunk document, one of another run (ignored by the local filter). */
function serveRunLeftovers(): void {
  cluster.on('POST', '/_plugins/_ml/models/_search', hits(
    { _id: 'm-deployed', _source: { name: `${PREFIX}card-model`, model_state: 'DEPLOYED', model_group_id: 'g1' } },
    { _id: 'm-registered', _source: { name: `${PREFIX}card-model-2`, model_state: 'REGISTERED' } },
    { _id: 'm-deployed_0', _source: { name: `${PREFIX}card-model`, model_id: 'm-deployed', chunk_number: 0 } },
    { _id: 'm-other', _source: { name: 'omlc-r20250101t000000-aaaa-card-model', model_state: 'DEPLOYED' } },
  )); // prettier-ignore
  cluster.on(
    'POST',
    '/_plugins/_ml/model_groups/_search',
    hits({ _id: 'g1', _source: { name: `${PREFIX}card-group` } }),
  );
}

const mutations = (): string[] =>
  cluster.requests
    .filter((r: RecordedRequest) => r.method !== 'GET' && !r.path.endsWith('/_search'))
    .map((r) => `${r.method} ${r.path}`);

beforeEach(async () => {
  cluster = await startFakeCluster();
  client = createMlClient({ baseUrl: cluster.url });
});

afterEach(async () => {
  await client.close();
  await cluster.close();
});

describe('findRunResources', () => {
  it('searches by run prefix on name.keyword, excluding chunk documents', async () => {
    serveRunLeftovers();
    const found = await findRunResources(client, RUN);

    expect(found.map((r) => `${r.kind} ${r.id}`)).toEqual(['model m-deployed', 'model m-registered', 'model-group g1']);
    expect(found[0]).toMatchObject({ name: `${PREFIX}card-model`, state: 'DEPLOYED' });
    const modelQuery = cluster.requests.find((r) => r.path === '/_plugins/_ml/models/_search')?.body;
    expect(modelQuery).toMatchObject({
      query: {
        bool: {
          filter: [{ prefix: { 'name.keyword': PREFIX } }],
          must_not: [{ exists: { field: 'chunk_number' } }],
        },
      },
    });
    const groupQuery = cluster.requests.find((r) => r.path === '/_plugins/_ml/model_groups/_search')?.body;
    expect(groupQuery).toMatchObject({ query: { bool: { filter: [{ prefix: { 'name.keyword': PREFIX } }] } } });
  });

  it('finds nothing on a cluster that never stored a model', async () => {
    cluster.on('POST', '/_plugins/_ml/models/_search', { status: 404, body: real.indexNotFound });
    cluster.on('POST', '/_plugins/_ml/model_groups/_search', { status: 404, body: real.indexNotFound });
    await expect(findRunResources(client, RUN)).resolves.toEqual([]);
  });
});

describe('sweepRunResources', () => {
  it('undeploys and deletes the models, then the groups', async () => {
    serveRunLeftovers();
    let deployedState = 'DEPLOYED';
    cluster.on('GET', '/_plugins/_ml/models/m-deployed', () => ({ body: { name: 'x', model_state: deployedState } }));
    cluster.on('POST', '/_plugins/_ml/models/m-deployed/_undeploy', () => {
      deployedState = 'UNDEPLOYED';
      return { body: { n1: { stats: { 'm-deployed': 'undeployed' } } } };
    });
    cluster.on('GET', '/_plugins/_ml/models/m-registered', { body: { name: 'y', model_state: 'REGISTERED' } });
    cluster.on('DELETE', /^\/_plugins\/_ml\/models\//, (r) => ({
      body: { ...real.deleteModel, _id: r.path.split('/').at(-1) },
    }));
    cluster.on('DELETE', '/_plugins/_ml/model_groups/g1', { body: real.deleteGroup });

    const report = await sweepRunResources(client, RUN);

    expect(report.ok).toBe(true);
    expect(report.entries.map((e) => `${e.kind} ${e.id} ${e.outcome}`)).toEqual([
      'model m-deployed deleted',
      'model m-registered deleted',
      'model-group g1 deleted',
    ]);
    expect(mutations()).toEqual([
      'POST /_plugins/_ml/models/m-deployed/_undeploy',
      'DELETE /_plugins/_ml/models/m-deployed',
      'DELETE /_plugins/_ml/models/m-registered',
      'DELETE /_plugins/_ml/model_groups/g1',
    ]);
  });

  it('reports resources already gone and failures without stopping', async () => {
    serveRunLeftovers();
    cluster.on('GET', '/_plugins/_ml/models/m-deployed', { status: 404, body: real.modelNotFound });
    cluster.on('GET', '/_plugins/_ml/models/m-registered', { body: { name: 'y', model_state: 'REGISTERED' } });
    cluster.on('DELETE', '/_plugins/_ml/models/m-registered', {
      status: 500,
      body: { error: { type: 'm_l_exception', reason: 'Model is not all cleaned up, please try again.' } },
    });
    cluster.on('DELETE', '/_plugins/_ml/model_groups/g1', {
      status: 409,
      body: { error: { reason: 'Cannot delete the model group when it has associated model versions' } },
    });

    const report = await sweepRunResources(client, RUN);

    expect(report.ok).toBe(false);
    expect(report.entries).toEqual([
      { kind: 'model', id: 'm-deployed', name: `${PREFIX}card-model`, outcome: 'already-gone' },
      {
        kind: 'model',
        id: 'm-registered',
        name: `${PREFIX}card-model-2`,
        outcome: 'failed',
        error: 'DELETE /_plugins/_ml/models/m-registered → 500: Model is not all cleaned up, please try again.',
      },
      {
        kind: 'model-group',
        id: 'g1',
        name: `${PREFIX}card-group`,
        outcome: 'failed',
        error:
          'DELETE /_plugins/_ml/model_groups/g1 → 409: Cannot delete the model group when it has associated model versions',
      },
    ]);
  });
});
