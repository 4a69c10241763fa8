/**
 * The fault proxy in front of a canned-response cluster on a real socket, driven through the ML client as the suites
 * drive it: every fault plan the resilience checks use, what reaches the cluster, and what passes through untouched.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMlClient, type MlClient } from '../ml/client.ts';
import { MlConnectionError, MlHttpError, ResponseSchemaError } from '../ml/errors.ts';
import { startFakeCluster, type FakeCluster } from '../ml/testing/fake-cluster.ts';
import { endpointOf } from './endpoint-of.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';

let cluster: FakeCluster;
let proxy: FaultProxy;
let client: MlClient;

const TASK = '/_plugins/_ml/tasks/t1';
const completedDeploy = { state: 'COMPLETED', task_type: 'DEPLOY_MODEL', worker_node: ['n1'], model_id: 'm1' };

beforeEach(async () => {
  cluster = await startFakeCluster();
  cluster.on('GET', TASK, { body: completedDeploy });
  cluster.on('GET', '/_plugins/_ml/models/m1', { body: { name: 'omlc-x-model', model_state: 'DEPLOYED' } });
  cluster.on('POST', '/_plugins/_ml/models/m1/_deploy', { body: { task_id: 't1', status: 'CREATED' } });
  cluster.on('POST', '/_plugins/_ml/_predict/text_embedding/m1', {
    body: {
      inference_results: [{ output: [{ name: 'sentence_embedding', data_type: 'FLOAT32', shape: [1], data: [1] }] }],
    },
  });
  proxy = await startFaultProxy({ baseUrl: cluster.url, auth: { type: 'basic', username: 'u', password: 'p' } });
  client = createMlClient(proxy.connection);
});

afterEach(async () => {
  await client.close();
  await proxy.close();
  await cluster.close();
});

describe('fault proxy', () => {
  it('passes requests through untouched, credentials included', async () => {
    expect((await client.getTask('t1')).state).toBe('COMPLETED');
    expect(cluster.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(proxy.requests).toEqual([{ method: 'GET', path: TASK, endpoint: 'task', outcome: 200 }]);
  });

  it('answers a burst itself, with the OpenSearch error envelope, and never bothers the cluster', async () => {
    proxy.faults.burst({ endpoint: 'task', status: 429, times: 1 }).burst({ endpoint: 'task', status: 503, times: 1 });
    await expect(client.getTask('t1')).rejects.toMatchObject({ status: 429, type: 'rejected_execution_exception' });
    await expect(client.getTask('t1')).rejects.toMatchObject({ status: 503 });
    expect((await client.getTask('t1')).state).toBe('COMPLETED');
    expect(cluster.requests).toHaveLength(1);
  });

  it('answers a burst with the exception type it was given (a tripped circuit breaker)', async () => {
    const reason = '[parent] Data too large, data for [<http_request>] would be [1031798784/984mb]';
    proxy.faults.burst({ endpoint: 'task', status: 429, times: 1, type: 'circuit_breaking_exception', reason });
    await expect(client.getTask('t1')).rejects.toMatchObject({
      status: 429,
      type: 'circuit_breaking_exception',
      reason,
    });
  });

  it('resets the connection (drop) and cuts a body in half (truncate)', async () => {
    proxy.faults.drop({ endpoint: 'task', times: 1 }).truncate({ endpoint: 'task', times: 1 });
    const reset = await client.getTask('t1').catch((e: unknown) => e);
    expect(reset).toBeInstanceOf(MlConnectionError);
    expect((reset as MlConnectionError).kind).toBe('reset');
    const cut = await client.getTask('t1').catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(ResponseSchemaError);
    expect((cut as Error).message).toMatch(/invalid JSON/);
    expect(proxy.requests.map((r) => r.outcome)).toEqual(['reset', 200]);
  });

  it('adds latency', async () => {
    proxy.faults.slow({ endpoint: 'task', delayMs: 300, times: 1 });
    const t0 = performance.now();
    await client.getTask('t1');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('reports a COMPLETED deploy as FAILED with a node error (deployOutcome), for the task it was decided for', async () => {
    proxy.faults.deployOutcome({ outcome: 'FAILED', error: 'injected: no libtorch', times: 1 });
    const { task_id: taskId } = await client.deployModel('m1');
    const task = await client.getTask(taskId);
    expect(task).toMatchObject({ state: 'FAILED', error: '{"n1":"injected: no libtorch"}' });
    expect((await client.getModel('m1')).model_state).toBe('DEPLOYED');
  });

  it('keeps a task RUNNING (stickTasks)', async () => {
    proxy.faults.stickTasks({ taskType: 'DEPLOY_MODEL', times: 1 });
    await client.deployModel('m1');
    expect((await client.getTask('t1')).state).toBe('RUNNING');
    expect((await client.getTask('t1')).state).toBe('RUNNING');
  });

  it('plays the sync-up race: the model reads DEPLOY_FAILED and predict is refused as not ready', async () => {
    proxy.faults.deployRace({ state: 'DEPLOY_FAILED', times: 2 });
    expect((await client.getModel('m1')).model_state).toBe('DEPLOY_FAILED');
    const refused = await client.predict('m1', { text_docs: ['x'] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MlHttpError);
    expect((refused as MlHttpError).reason).toBe('Model not ready yet. Please deploy the model first.');
    expect((await client.getModel('m1')).model_state).toBe('DEPLOYED');
  });

  it('refuses to sit in front of a SigV4-signed cluster', async () => {
    await expect(
      startFaultProxy({ baseUrl: cluster.url, auth: { type: 'sigv4', region: 'eu-west-1', service: 'es' } }),
    ).rejects.toThrow(/SigV4/);
  });
});

describe('endpointOf', () => {
  it('classifies requests as the simulator routes do', () => {
    expect(endpointOf('GET', '/_plugins/_ml/tasks/t1')).toBe('task');
    expect(endpointOf('POST', '/_plugins/_ml/models/_register')).toBe('register');
    expect(endpointOf('POST', '/_plugins/_ml/models/m1/_deploy')).toBe('deploy');
    expect(endpointOf('POST', '/_plugins/_ml/models/m1/_undeploy')).toBe('undeploy');
    expect(endpointOf('POST', '/_plugins/_ml/_predict/text_embedding/m1')).toBe('predict');
    expect(endpointOf('POST', '/_plugins/_ml/models/m1/_predict')).toBe('predict');
    expect(endpointOf('GET', '/_plugins/_ml/models/m1')).toBe('model');
    expect(endpointOf('POST', '/_plugins/_ml/models/_search')).toBe('model');
    expect(endpointOf('DELETE', '/_plugins/_ml/models/m1')).toBe('delete');
    expect(endpointOf('POST', '/_plugins/_ml/model_groups/_register')).toBe('group');
    expect(endpointOf('DELETE', '/_plugins/_ml/model_groups/g1')).toBe('delete');
    expect(endpointOf('GET', '/_plugins/_ml/profile/models/m1')).toBe('model');
    expect(endpointOf('GET', '/_cluster/settings?flat_settings=true')).toBe('cluster');
  });
});
