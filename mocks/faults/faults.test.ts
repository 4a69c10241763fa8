import { Client } from '@opensearch-project/opensearch';
import { describe, expect, it } from 'vitest';
import { getProfile, type Profile } from '../profiles/index.ts';
import { createSimulator } from '../simulator.ts';
import { testClient } from '../test-support/client.ts';
import { createFakeBackend, fakeVector } from '../test-support/fake-backend.ts';
import { at, nums, str } from '../test-support/json.ts';
import {
  allowDevRegistration,
  ASYMMETRIC_CONFIG,
  deployedModel,
  registerAndWait,
  registerBody,
} from '../test-support/lifecycle.ts';
import { useMswServer } from '../test-support/msw.ts';
import { buildZip, modelZip } from '../test-support/zips.ts';

const BASE = 'http://127.0.0.1:9200';
const URL = 'http://127.0.0.1:1/model.zip';
const msw = useMswServer();

function setup(zip = modelZip('ONNX'), profile: Profile = getProfile('3.x')) {
  const sim = createSimulator({
    profile,
    baseUrl: BASE,
    inference: createFakeBackend(),
    fetchArtifact: () => Promise.resolve(zip),
  });
  msw.install(sim);
  return { sim, client: testClient(BASE), zip };
}

describe('HTTP-level faults', () => {
  it('bursts answer the status `times` times on the chosen endpoint only, then the real handler', async () => {
    const { sim, client } = setup();
    sim.faults.burst({ endpoint: 'task', status: 429, times: 2 });
    const first = await client.get('/_plugins/_ml/tasks/x');
    expect(first.status).toBe(429);
    expect(at(first.body, 'error', 'type')).toBe('rejected_execution_exception');
    expect((await client.get('/')).status).toBe(200);
    expect((await client.get('/_plugins/_ml/tasks/x')).status).toBe(429);
    expect((await client.get('/_plugins/_ml/tasks/x')).status).toBe(404);
    expect(sim.faults.snapshot().bursts).toEqual([]);
  });

  it('a burst answers the exception type it was given, e.g. a tripped circuit breaker', async () => {
    const { sim, client } = setup();
    sim.faults.burst({ endpoint: 'delete', status: 429, times: 1, type: 'circuit_breaking_exception', reason: 'r' });
    const refused = await client.del('/_plugins/_ml/model_groups/g1');
    expect(refused.status).toBe(429);
    expect(at(refused.body, 'error', 'type')).toBe('circuit_breaking_exception');
    expect(at(refused.body, 'error', 'root_cause', 0, 'type')).toBe('circuit_breaking_exception');
  });

  it('an `any` 503 burst is retried away by the OpenSearch client (the request log shows every attempt)', async () => {
    const { sim } = setup();
    sim.faults.burst({ endpoint: 'any', status: 503, times: 2, reason: 'cluster is restarting' });
    const client = new Client({ node: BASE, maxRetries: 3 });
    const response = await client.transport.request({ method: 'GET', path: '/_cluster/settings' });
    expect(response.statusCode).toBe(200);
    expect(sim.state.requests.map((entry) => entry.outcome)).toEqual([503, 503, 200]);
    await client.close();
  });

  it('the sentinel is never faulted', async () => {
    const { sim, client } = setup();
    sim.faults.burst({ endpoint: 'any', status: 503, times: 5 }).drop({ endpoint: 'any', times: 5 });
    expect((await client.get('/_omlc/sentinel')).status).toBe(200);
  });

  it('drops connections for fetch and the OpenSearch client', async () => {
    const { sim } = setup();
    sim.faults.drop({ endpoint: 'model', times: 2 });
    await expect(fetch(`${BASE}/_plugins/_ml/models/x`)).rejects.toThrow(TypeError);
    const client = new Client({ node: BASE, maxRetries: 0 });
    await expect(client.transport.request({ method: 'GET', path: '/_plugins/_ml/models/x' })).rejects.toMatchObject({
      name: 'ConnectionError',
    });
    expect(sim.state.requests.map((entry) => entry.outcome)).toEqual(['dropped', 'dropped']);
    await client.close();
  });

  it('slows responses down by delayMs', async () => {
    const { sim, client } = setup();
    sim.faults.slow({ endpoint: 'cluster', delayMs: 120, times: 1 });
    const started = performance.now();
    await client.get('/');
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    // Used up after one request (a timing bound on the next one would flake on a loaded machine).
    expect(sim.faults.snapshot().slow).toEqual([]);
  });
});

describe('answer faults (shared with the fault proxy)', () => {
  it('truncate cuts the JSON body of the next answers in half, then answers whole again', async () => {
    const { sim, client } = setup();
    sim.faults.truncate({ endpoint: 'cluster', times: 1 });
    await expect(client.get('/')).rejects.toThrow(SyntaxError);
    expect(at((await client.get('/')).body, 'version', 'number')).toBe('3.6.0');
  });

  it('deployRace: a deployed model reads the plan state and predict is refused as not ready', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    const modelId = await deployedModel(client, { url: URL, zip });
    sim.faults.deployRace({ state: 'DEPLOY_FAILED', times: 2 });
    expect(at((await client.get(`/_plugins/_ml/models/${modelId}`)).body, 'model_state')).toBe('DEPLOY_FAILED');
    const refused = await client.post(`/_plugins/_ml/_predict/text_embedding/${modelId}`, { text_docs: ['a'] });
    expect(refused.status).toBe(400);
    expect(at(refused.body, 'error', 'reason')).toBe('Model not ready yet. Please deploy the model first.');
    expect(at((await client.get(`/_plugins/_ml/models/${modelId}`)).body, 'model_state')).toBe('DEPLOYED');
  });
});

describe('task faults', () => {
  it('a stuck register task stays RUNNING; settle() does not wait for it; reset releases it', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    sim.faults.stickTasks({ taskType: 'REGISTER_MODEL', times: 1 });
    const response = await client.post('/_plugins/_ml/models/_register', registerBody({ url: URL, zip }));
    await sim.settle();
    const taskId = str(response.body, 'task_id');
    expect(at((await client.get(`/_plugins/_ml/tasks/${taskId}`)).body, 'state')).toBe('RUNNING');
    const next = await registerAndWait(client, { url: URL, zip });
    expect(at(next, 'state')).toBe('COMPLETED');
    sim.reset();
    await sim.settle();
  });

  it('a stuck register task stays CREATED where the profile never shows RUNNING for it', async () => {
    const v3 = getProfile('3.x');
    const { sim, client, zip } = setup(modelZip('ONNX'), {
      ...v3,
      features: { ...v3.features, registerTaskShowsRunning: false },
    });
    await allowDevRegistration(client);
    sim.faults.stickTasks({ taskType: 'REGISTER_MODEL', times: 1 });
    const response = await client.post('/_plugins/_ml/models/_register', registerBody({ url: URL, zip }));
    await sim.settle();
    expect(at((await client.get(`/_plugins/_ml/tasks/${str(response.body, 'task_id')}`)).body, 'state')).toBe(
      'CREATED',
    );
    sim.reset();
    await sim.settle();
  });

  it('a stuck deploy task stays RUNNING with the model DEPLOYING; settle() does not wait for it', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    const modelId = str(await registerAndWait(client, { url: URL, zip }), 'model_id');
    sim.faults.stickTasks({ taskType: 'DEPLOY_MODEL', times: 1 });
    const deploy = await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
    await sim.settle();
    expect(at((await client.get(`/_plugins/_ml/tasks/${str(deploy.body, 'task_id')}`)).body, 'state')).toBe('RUNNING');
    expect(at((await client.get(`/_plugins/_ml/models/${modelId}`)).body, 'model_state')).toBe('DEPLOYING');
    sim.reset();
    await sim.settle();
  });

  it('deploy outcome FAILED: task error is a per-node JSON object, model DEPLOY_FAILED', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    const modelId = str(await registerAndWait(client, { url: URL, zip }), 'model_id');
    sim.faults.deployOutcome({ outcome: 'FAILED', error: 'Failed to save pytorch index file', times: 1 });
    const deploy = await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
    await sim.settle();
    const task = (await client.get(`/_plugins/_ml/tasks/${str(deploy.body, 'task_id')}`)).body;
    expect(task).toMatchObject({
      state: 'FAILED',
      error: JSON.stringify({ [sim.node.id]: 'Failed to save pytorch index file' }),
    });
    expect(at((await client.get(`/_plugins/_ml/models/${modelId}`)).body, 'model_state')).toBe('DEPLOY_FAILED');
    expect((await client.post(`/_plugins/_ml/models/${modelId}/_predict`, { text_docs: ['a'] })).status).toBe(400);
  });

  it('deploy outcome COMPLETED_WITH_ERROR: PARTIALLY_DEPLOYED, predict still works', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    const modelId = str(await registerAndWait(client, { url: URL, zip }), 'model_id');
    sim.faults.deployOutcome({ outcome: 'COMPLETED_WITH_ERROR' });
    const deploy = await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
    await sim.settle();
    const task = (await client.get(`/_plugins/_ml/tasks/${str(deploy.body, 'task_id')}`)).body;
    expect(task).toMatchObject({ state: 'COMPLETED_WITH_ERROR', worker_node: [sim.node.id, sim.node.phantomId] });
    expect(Object.keys(JSON.parse(str(task, 'error')) as object)).toEqual([sim.node.phantomId]);
    expect((await client.get(`/_plugins/_ml/models/${modelId}`)).body).toMatchObject({
      model_state: 'PARTIALLY_DEPLOYED',
      planning_worker_node_count: 2,
      current_worker_node_count: 1,
    });
    expect((await client.post(`/_plugins/_ml/models/${modelId}/_predict`, { text_docs: ['a'] })).status).toBe(200);
    expect((await client.del(`/_plugins/_ml/models/${modelId}`)).status).toBe(400);
  });
});

describe('wrong-behaviour switches (prove the suites can fail)', () => {
  it('embeddingDimensionDelta and perturbEmbedding change what predict returns', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    const modelId = await deployedModel(client, { url: URL, zip });
    const path = `/_plugins/_ml/models/${modelId}/_predict`;
    sim.faults.misbehave({ embeddingDimensionDelta: 1 });
    const longer = await client.post(path, { text_docs: ['a'] });
    expect(at(longer.body, 'inference_results', 0, 'output', 0, 'shape')).toEqual([9]);
    expect(nums(longer.body, 'inference_results', 0, 'output', 0, 'data')).toHaveLength(9);
    sim.faults.clear();
    sim.faults.misbehave({ perturbEmbedding: 0.1 });
    const data = nums(
      (await client.post(path, { text_docs: ['a'] })).body,
      'inference_results',
      0,
      'output',
      0,
      'data',
    );
    const expected = fakeVector('a', 8);
    expect(data[0]).toBeCloseTo((expected[0] ?? 0) + 0.1, 5);
    expect(data[1]).toBeCloseTo((expected[1] ?? 0) - 0.1, 5);
  });

  it('rotateEmbedding keeps the norm and moves the vector by exactly that angle', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    const modelId = await deployedModel(client, { url: URL, zip });
    const path = `/_plugins/_ml/models/${modelId}/_predict`;
    sim.faults.misbehave({ rotateEmbedding: 0.02 });
    const data = nums(
      (await client.post(path, { text_docs: ['a'] })).body,
      'inference_results',
      0,
      'output',
      0,
      'data',
    );
    const expected = fakeVector('a', 8);
    const dot = data.reduce((sum, value, i) => sum + value * (expected[i] ?? 0), 0);
    const norm = (v: readonly number[]): number => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
    expect(norm(data)).toBeCloseTo(norm(expected), 6);
    expect(dot / (norm(data) * norm(expected))).toBeCloseTo(Math.cos(0.02), 6);
  });

  it('skipHashCheck and skipZipLint let bad artifacts register', async () => {
    const bad = buildZip({ 'model.onnx': 'x' });
    const { sim, client } = setup(bad);
    await allowDevRegistration(client);
    expect(at(await registerAndWait(client, { url: URL, zip: bad }), 'error')).toBe('No tokenizer file');
    sim.faults.misbehave({ skipZipLint: true, skipHashCheck: true });
    expect(at(await registerAndWait(client, { url: URL, zip: bad, hash: 'wrong' }), 'state')).toBe('COMPLETED');
    sim.faults.clear();
    expect(at(await registerAndWait(client, { url: URL, zip: bad }), 'state')).toBe('FAILED');
  });

  it('ignoreUndeploy answers "undeployed" but keeps the model loaded, once per model', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    const modelId = await deployedModel(client, { url: URL, zip });
    sim.faults.misbehave({ ignoreUndeploy: true });
    expect((await client.post(`/_plugins/_ml/models/${modelId}/_undeploy`)).body).toEqual({
      [sim.node.id]: { stats: { [modelId]: 'undeployed' } },
    });
    await sim.settle();
    expect(at((await client.get(`/_plugins/_ml/models/${modelId}`)).body, 'model_state')).toBe('DEPLOYED');
    expect((await client.post(`/_plugins/_ml/models/${modelId}/_predict`, { text_docs: ['a'] })).status).toBe(200);
    await client.post(`/_plugins/_ml/models/${modelId}/_undeploy`);
    await sim.settle();
    expect(at((await client.get(`/_plugins/_ml/models/${modelId}`)).body, 'model_state')).toBe('UNDEPLOYED');
  });

  it('embeddingDataType, nanInEmbedding and ignoreNormalize change the tensor and what inference is asked', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    const modelId = await deployedModel(client, { url: URL, zip });
    const path = `/_plugins/_ml/models/${modelId}/_predict`;
    const tensor = async (): Promise<unknown> =>
      at((await client.post(path, { text_docs: ['a'] })).body, 'inference_results', 0, 'output', 0);
    sim.faults.misbehave({ embeddingDataType: 'FLOAT64' });
    expect(await tensor()).toMatchObject({ data_type: 'FLOAT64', shape: [8] });
    sim.faults.clear();
    sim.faults.misbehave({ nanInEmbedding: true });
    const withNaN = (await tensor()) as { data: unknown[] };
    expect(withNaN.data[0]).toBe('NaN');
    expect(withNaN.data.slice(1)).toEqual(
      fakeVector('a', 8)
        .slice(1)
        .map((v) => Math.fround(v)),
    );
    sim.faults.clear();
    const backend = createFakeBackend();
    const normalizing = createSimulator({
      profile: '3.x',
      baseUrl: BASE,
      inference: backend,
      fetchArtifact: () => Promise.resolve(zip),
    });
    msw.install(normalizing);
    await allowDevRegistration(client);
    const other = await deployedModel(client, { url: URL, zip });
    normalizing.faults.misbehave({ ignoreNormalize: true });
    await client.post(`/_plugins/_ml/models/${other}/_predict`, { text_docs: ['a'] });
    normalizing.faults.clear();
    await client.post(`/_plugins/_ml/models/${other}/_predict`, { text_docs: ['a'] });
    expect(backend.calls.map((call) => call.modelConfig.normalize_result)).toEqual([false, true]);
  });

  it('failDeploys fails every deploy on the node', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    sim.faults.misbehave({ failDeploys: true });
    const modelId = str(await registerAndWait(client, { url: URL, zip }), 'model_id');
    const deploy = await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
    await sim.settle();
    const task = (await client.get(`/_plugins/_ml/tasks/${str(deploy.body, 'task_id')}`)).body;
    expect(task).toMatchObject({ state: 'FAILED' });
    expect(at((await client.get(`/_plugins/_ml/models/${modelId}`)).body, 'model_state')).toBe('DEPLOY_FAILED');
  });

  it('errorStatus and rewordErrors change the chosen refusals only; rewordTaskErrors the register task error', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    // Once a model exists (the model index), an unknown id is `modelNotFound`.
    await registerAndWait(client, { url: URL, zip });
    sim.faults.misbehave({ errorStatus: { modelNotFound: 422 }, rewordErrors: ['taskNotFound'] });
    const model = await client.get('/_plugins/_ml/models/unknown');
    expect(model.status).toBe(422);
    expect(at(model.body, 'status')).toBe(422);
    expect(at(model.body, 'error', 'reason')).toMatch(/^Failed to find model/);
    const task = await client.get('/_plugins/_ml/tasks/unknown');
    expect(task.status).toBe(404);
    expect(at(task.body, 'error', 'reason')).toBe('misbehaving simulator: taskNotFound');
    expect(at(task.body, 'error', 'root_cause', 0, 'reason')).toBe('misbehaving simulator: taskNotFound');
    expect((await client.get('/_plugins/_ml/model_groups/unknown')).status).toBe(404);
    sim.faults.misbehave({ rewordTaskErrors: true });
    expect(at(await registerAndWait(client, { url: URL, zip, hash: 'bad' }), 'error')).toBe(
      'misbehaving simulator: register failed',
    );
  });

  it('rewordErrors also rewords a wrapped cause (the asymmetric content-type refusals)', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    const modelId = await deployedModel(client, { url: URL, zip, config: ASYMMETRIC_CONFIG });
    sim.faults.misbehave({ rewordErrors: ['asymmetricNeedsContentType'] });
    const refused = await client.post(`/_plugins/_ml/models/${modelId}/_predict`, { text_docs: ['t'] });
    expect(JSON.stringify(refused.body)).not.toContain('asymmetric. To use it');
    expect(at(refused.body, 'error', 'caused_by', 'reason')).toBe('misbehaving simulator: asymmetricNeedsContentType');
  });

  it('ignoreContentType makes query and passage embeddings coincide', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    const modelId = await deployedModel(client, { url: URL, zip, config: ASYMMETRIC_CONFIG });
    sim.faults.misbehave({ ignoreContentType: true });
    const path = `/_plugins/_ml/models/${modelId}/_predict`;
    const query = await client.post(path, { text_docs: ['t'], parameters: { content_type: 'query' } });
    const passage = await client.post(path, { text_docs: ['t'], parameters: { content_type: 'passage' } });
    expect(query.body).toEqual(passage.body);
  });
});
