import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectiveSetting } from './cluster-api.ts';
import { createMlClient, type MlClient } from './client.ts';
import { MlHttpError, ResponseSchemaError } from './errors.ts';
import { undeployedSomewhere } from './model-api.ts';
import type { RegisterModelRequest } from './request-types.ts';
import { startFakeCluster, type FakeCluster } from './testing/fake-cluster.ts';
import * as real from './testing/verified-responses.ts';

let cluster: FakeCluster;
let client: MlClient;

beforeEach(async () => {
  cluster = await startFakeCluster();
  client = createMlClient({ baseUrl: cluster.url });
});

afterEach(async () => {
  await client.close();
  await cluster.close();
});

const last = () => cluster.requests.at(-1);

describe('model groups', () => {
  it('registers, gets, searches and deletes', async () => {
    cluster.on('POST', '/_plugins/_ml/model_groups/_register', { body: real.registerGroup });
    cluster.on('GET', '/_plugins/_ml/model_groups/g1', {
      body: { name: 'omlc-x-group', latest_version: 1, access: 'public' },
    });
    cluster.on('POST', '/_plugins/_ml/model_groups/_search', {
      body: { hits: { total: { value: 1, relation: 'eq' }, hits: [{ _id: 'g1', _source: { name: 'omlc-x-group' } }] } },
    });
    cluster.on('DELETE', '/_plugins/_ml/model_groups/g1', { body: real.deleteGroup });

    await expect(client.registerModelGroup({ name: 'omlc-x-group' })).resolves.toMatchObject(real.registerGroup);
    expect(last()?.body).toEqual({ name: 'omlc-x-group' });
    await expect(client.getModelGroup('g1')).resolves.toMatchObject({ latest_version: 1 });
    await expect(client.searchModelGroups({ size: 5 })).resolves.toEqual({
      total: 1,
      hits: [{ id: 'g1', source: { name: 'omlc-x-group' } }],
    });
    await expect(client.deleteModelGroup('g1')).resolves.toMatchObject({ result: 'deleted' });
  });

  it('treats a missing ML index as no hits', async () => {
    cluster.on('POST', '/_plugins/_ml/model_groups/_search', { status: 404, body: real.indexNotFound });
    cluster.on('POST', '/_plugins/_ml/models/_search', { status: 404, body: real.indexNotFound });
    await expect(client.searchModelGroups({})).resolves.toEqual({ total: 0, hits: [] });
    await expect(client.searchModels({})).resolves.toEqual({ total: 0, hits: [] });
  });

  it('still throws other search errors', async () => {
    cluster.on('POST', '/_plugins/_ml/models/_search', { status: 400, body: { error: { reason: 'bad query' } } });
    await expect(client.searchModels({ query: { nope: {} } })).rejects.toMatchObject({
      status: 400,
      reason: 'bad query',
    });
  });
});

describe('models and tasks', () => {
  it('sends the register body verbatim, leaving out what the caller left out', async () => {
    cluster.on('POST', '/_plugins/_ml/models/_register', { body: real.registerModel });
    const request: RegisterModelRequest = {
      name: 'omlc-r1-card-model',
      version: '1.0.0',
      model_group_id: 'g1',
      model_format: 'ONNX',
      url: 'http://127.0.0.1:8080/m.zip',
      model_config: {
        model_type: 'bert',
        embedding_dimension: 32,
        framework_type: 'sentence_transformers',
        pooling_mode: 'mean',
        normalize_result: true,
        model_max_length: 128,
        query_prefix: 'query: ',
        passage_prefix: 'passage: ',
        all_config: '{}',
      },
    };
    await expect(client.registerModel(request)).resolves.toEqual(real.registerModel);
    expect(last()?.body).toEqual(request);
    expect(last()?.body).not.toHaveProperty('model_content_hash_value');
  });

  it('reads completed and failed tasks', async () => {
    cluster.on('GET', '/_plugins/_ml/tasks/t1', { body: real.registerTaskCompleted });
    cluster.on('GET', '/_plugins/_ml/tasks/t2', { body: real.deployTaskFailed });
    await expect(client.getTask('t1')).resolves.toMatchObject({ state: 'COMPLETED', model_id: real.MODEL_ID });
    await expect(client.getTask('t2')).resolves.toMatchObject({ state: 'FAILED', error: real.deployTaskFailed.error });
  });

  it('deploys, undeploys and deletes', async () => {
    const base = `/_plugins/_ml/models/${real.MODEL_ID}`;
    cluster.on('POST', `${base}/_deploy`, { body: real.deployModel });
    cluster.on('POST', `${base}/_undeploy`, { body: real.undeploy });
    cluster.on('DELETE', base, { body: real.deleteModel });

    await expect(client.deployModel(real.MODEL_ID)).resolves.toMatchObject({ task_type: 'DEPLOY_MODEL' });
    const undeployed = await client.undeployModel(real.MODEL_ID);
    expect(undeployedSomewhere(undeployed, real.MODEL_ID)).toBe(true);
    await expect(client.deleteModel(real.MODEL_ID)).resolves.toMatchObject({ _id: real.MODEL_ID, result: 'deleted' });
  });

  it('parses the undeploy answer for a model that was never deployed', async () => {
    cluster.on('POST', '/_plugins/_ml/models/m0/_undeploy', { body: real.undeployNeverDeployed });
    expect(undeployedSomewhere(await client.undeployModel('m0'), 'm0')).toBe(false);
  });

  it('throws MlHttpError with the reason for a deleted model', async () => {
    cluster.on('GET', `/_plugins/_ml/models/${real.MODEL_ID}`, { status: 404, body: real.modelNotFound });
    const error = await client.getModel(real.MODEL_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlHttpError);
    expect(error).toMatchObject({
      status: 404,
      reason: `Failed to find model with the provided model id: ${real.MODEL_ID}`,
    });
  });

  it('rejects a model document whose state is not an ML Commons state', async () => {
    cluster.on('GET', '/_plugins/_ml/models/m1', { body: { name: 'x', model_state: 'WARMING_UP' } });
    await expect(client.getModel('m1')).rejects.toThrow(/GET \/_plugins\/_ml\/models\/\{model_id\}: model_state/);
  });

  it('encodes ids in paths', async () => {
    cluster.on('GET', /^\/_plugins\/_ml\/models\//, { body: { name: 'x' } });
    await client.getModel('a/b c');
    expect(last()?.path).toBe('/_plugins/_ml/models/a%2Fb%20c');
  });
});

describe('predict', () => {
  const request = {
    text_docs: ['hello'],
    target_response: ['sentence_embedding'],
    parameters: { content_type: 'query' as const },
    return_number: true,
  };

  it.each([
    ['text_embedding', `/_plugins/_ml/_predict/text_embedding/${real.MODEL_ID}`],
    ['model', `/_plugins/_ml/models/${real.MODEL_ID}/_predict`],
  ] as const)('goes through the %s route with target_response and parameters together', async (route, path) => {
    cluster.on('POST', path, { body: real.predict });
    const response = await client.predict(real.MODEL_ID, request, { route });
    expect(response.inference_results[0]?.output?.[0]?.data).toHaveLength(4);
    expect(last()).toMatchObject({ path, body: request });
  });

  it('has one method per route', async () => {
    cluster.on('POST', /_predict/, { body: real.predict });
    await client.predictTextEmbedding('m', { text_docs: ['a'] });
    await client.predictWithModel('m', { text_docs: ['a'] });
    expect(cluster.requests.map((r) => r.path)).toEqual([
      '/_plugins/_ml/_predict/text_embedding/m',
      '/_plugins/_ml/models/m/_predict',
    ]);
  });

  it('surfaces the not-deployed error text', async () => {
    cluster.on('POST', '/_plugins/_ml/_predict/text_embedding/m', { status: 400, body: real.predictBeforeDeploy });
    await expect(client.predict('m', { text_docs: ['a'] })).rejects.toThrow(
      'POST /_plugins/_ml/_predict/text_embedding/m → 400: Model not ready yet. Please deploy the model first.',
    );
  });

  it('names the path of a malformed tensor', async () => {
    const output = [{ name: 'sentence_embedding', data_type: 'FLOAT32', shape: [2], data: [0.1, 'NaN'] }];
    cluster.on('POST', '/_plugins/_ml/_predict/text_embedding/m', { body: { inference_results: [{ output }] } });
    const error = await client.predict('m', { text_docs: ['a'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseSchemaError);
    expect((error as Error).message).toContain('inference_results[0].output[0].data[1]');
    expect((error as Error).message).toContain('"NaN"');
  });
});

describe('cluster', () => {
  it('gets settings with defaults as flat settings', async () => {
    const key = 'plugins.ml_commons.only_run_on_ml_node';
    cluster.on('GET', '/_cluster/settings', {
      body: { persistent: { [key]: 'false' }, transient: {}, defaults: { [key]: 'true', 'x.y': ['a'] } },
    });
    const settings = await client.getClusterSettings();
    expect(last()?.query.get('include_defaults')).toBe('true');
    expect(last()?.query.get('flat_settings')).toBe('true');
    expect(effectiveSetting(settings, key)).toBe('false');
    expect(effectiveSetting(settings, 'x.y')).toEqual(['a']);
    expect(effectiveSetting(settings, 'nope')).toBeUndefined();
  });

  it('puts persistent and transient settings', async () => {
    cluster.on('PUT', '/_cluster/settings', {
      body: {
        acknowledged: true,
        persistent: { 'plugins.ml_commons.allow_registering_model_via_url': 'true' },
        transient: {},
      },
    });
    const result = await client.putClusterSettings({
      persistent: {
        'plugins.ml_commons.allow_registering_model_via_url': true,
        'plugins.ml_commons.trusted_url_regex': null,
      },
    });
    expect(result.acknowledged).toBe(true);
    expect(last()?.body).toEqual({
      persistent: {
        'plugins.ml_commons.allow_registering_model_via_url': true,
        'plugins.ml_commons.trusted_url_regex': null,
      },
      transient: {},
    });
  });

  it('lists node roles', async () => {
    cluster.on('GET', '/_nodes', {
      body: { nodes: { n1: { name: 'node-1', roles: ['data', 'ingest', 'cluster_manager'], version: '2.19.6' } } },
    });
    await expect(client.nodeRoles()).resolves.toEqual([
      { id: 'n1', name: 'node-1', roles: ['data', 'ingest', 'cluster_manager'], version: '2.19.6' },
    ]);
    expect(last()?.query.get('filter_path')).toBe('nodes.*.name,nodes.*.roles,nodes.*.version');
  });

  it('reads the model profile and ML stats', async () => {
    const profile = {
      nodes: {
        n1: {
          models: {
            m1: { model_state: 'DEPLOYED', predictor: 'org.opensearch.ml.engine.algorithms.text_embedding.TextEmbeddingDenseModel@1', worker_nodes: ['n1'], model_inference_stats: { count: 2, max: 3.1, min: 1.2, average: 2.1, p50: 2.0, p90: 3.0, p99: 3.1 } },
          },
        },
      },
    }; // prettier-ignore
    cluster.on('GET', '/_plugins/_ml/profile/models/m1', { body: profile });
    cluster.on('GET', '/_plugins/_ml/profile/models/m2', { body: {} });
    cluster.on('GET', '/_plugins/_ml/stats', { body: { ml_model_count: 1, nodes: { n1: { ml_request_count: 3 } } } });

    await expect(client.getModelProfile('m1')).resolves.toEqual(profile);
    await expect(client.getModelProfile('m2')).resolves.toEqual({});
    await expect(client.getMlStats()).resolves.toMatchObject({ ml_model_count: 1 });
  });
});
