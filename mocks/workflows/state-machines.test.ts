import { describe, expect, it } from 'vitest';
import { createSimulator } from '../simulator.ts';
import { testClient, type TestClient } from '../test-support/client.ts';
import { createFakeBackend } from '../test-support/fake-backend.ts';
import { at, str } from '../test-support/json.ts';
import { allowDevRegistration, registerBody } from '../test-support/lifecycle.ts';
import { useMswServer } from '../test-support/msw.ts';
import { steppedClock } from '../test-support/stepped-clock.ts';
import { modelZip } from '../test-support/zips.ts';
import type { ProfileId } from '../profiles/index.ts';

const BASE = 'http://127.0.0.1:9200';
const URL = 'http://127.0.0.1:1/model.zip';
const msw = useMswServer();

/** A simulator whose artifact download is in-memory and whose state machines only move on `clock.step()`. */
async function steppedSimulator(profile: ProfileId, zip = modelZip('ONNX')) {
  const clock = steppedClock();
  const sim = createSimulator({
    profile,
    baseUrl: BASE,
    inference: createFakeBackend(),
    clock,
    fetchArtifact: () => Promise.resolve(zip),
  });
  msw.install(sim);
  const client = testClient(BASE);
  await allowDevRegistration(client);
  return { sim, clock, client, zip };
}

const taskState = async (client: TestClient, id: string): Promise<unknown> =>
  at((await client.get(`/_plugins/_ml/tasks/${id}`)).body, 'state');
const modelState = async (client: TestClient, id: string): Promise<unknown> =>
  at((await client.get(`/_plugins/_ml/models/${id}`)).body, 'model_state');

describe('register task state machine', () => {
  it('goes CREATED → RUNNING (model REGISTERING) → COMPLETED (model REGISTERED, model_id set)', async () => {
    const { sim, clock, client, zip } = await steppedSimulator('3.x');
    const response = await client.post('/_plugins/_ml/models/_register', registerBody({ url: URL, zip }));
    const taskId = str(response.body, 'task_id');
    expect(await taskState(client, taskId)).toBe('CREATED');
    expect(at((await client.get(`/_plugins/_ml/tasks/${taskId}`)).body, 'model_id')).toBeUndefined();

    await clock.step();
    const running = (await client.get(`/_plugins/_ml/tasks/${taskId}`)).body;
    expect(at(running, 'state')).toBe('RUNNING');
    // The model document exists, but the task names it only once COMPLETED (a FAILED task never does).
    expect(at(running, 'model_id')).toBeUndefined();
    const [modelId] = [...sim.state.models.keys()];
    expect(await modelState(client, modelId ?? '')).toBe('REGISTERING');

    await clock.step();
    const completed = (await client.get(`/_plugins/_ml/tasks/${taskId}`)).body;
    expect(completed).toMatchObject({ state: 'COMPLETED', model_id: modelId });
    expect(await modelState(client, modelId ?? '')).toBe('REGISTERED');
    expect(clock.pending).toBe(0);
  });

  it('fails as soon as the download is checked (CREATED → FAILED) and removes the model on a bad hash', async () => {
    const { sim, clock, client, zip } = await steppedSimulator('2.19');
    const response = await client.post('/_plugins/_ml/models/_register', registerBody({ url: URL, zip, hash: 'ab' }));
    const taskId = str(response.body, 'task_id');
    expect(await taskState(client, taskId)).toBe('CREATED');
    await clock.step();
    const task = (await client.get(`/_plugins/_ml/tasks/${taskId}`)).body;
    expect(task).toMatchObject({ state: 'FAILED', error: 'model content changed' });
    // Recorded on 2.19.6 and 3.6.0 (wrong-hash:register-task): a FAILED register task carries no model_id.
    expect(task).not.toHaveProperty('model_id');
    expect(sim.state.models.size).toBe(0);
    expect(clock.pending).toBe(0);
  });
});

describe('deploy task and model state machine', () => {
  it.for(['2.11-2.13', '3.x'] as const)(
    'REGISTERED → DEPLOYING → DEPLOYED → UNDEPLOYED with task CREATED → RUNNING → COMPLETED (%s)',
    async (profile) => {
      const { sim, clock, client, zip } = await steppedSimulator(profile);
      const register = await client.post('/_plugins/_ml/models/_register', registerBody({ url: URL, zip }));
      await clock.step();
      await clock.step();
      const modelId = str((await client.get(`/_plugins/_ml/tasks/${str(register.body, 'task_id')}`)).body, 'model_id');

      const deploy = await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
      const taskId = str(deploy.body, 'task_id');
      expect(await taskState(client, taskId)).toBe('CREATED');
      expect(await modelState(client, modelId)).toBe('DEPLOYING');
      await clock.step();
      expect(await taskState(client, taskId)).toBe('RUNNING');
      expect(await modelState(client, modelId)).toBe('DEPLOYING');
      await clock.step();
      expect(await taskState(client, taskId)).toBe('COMPLETED');
      const deployed = (await client.get(`/_plugins/_ml/models/${modelId}`)).body;
      expect(deployed).toMatchObject({
        model_state: 'DEPLOYED',
        current_worker_node_count: 1,
        planning_worker_node_count: 1,
        planning_worker_nodes: [sim.node.id],
        deploy_to_all_nodes: true,
      });
      // Recorded on 2.19.6 and 3.6.0 (onnx-sym:get-deployed): no auto_redeploy_retry_times after a plain deploy.
      expect(deployed).not.toHaveProperty('auto_redeploy_retry_times');

      await client.post(`/_plugins/_ml/models/${modelId}/_undeploy`);
      if (sim.profile.features.undeployUpdatesModelSynchronously) {
        expect(await modelState(client, modelId)).toBe('UNDEPLOYED');
      } else {
        // Older lines update the doc a moment after answering; predict already refuses.
        expect(await modelState(client, modelId)).toBe('DEPLOYED');
        const predict = await client.post(`/_plugins/_ml/models/${modelId}/_predict`, { text_docs: ['x'] });
        expect(predict.status).toBe(400);
        await clock.step();
        expect(await modelState(client, modelId)).toBe('UNDEPLOYED');
      }
      // Recorded (onnx-sym:get-undeployed): counts at 0, node list and undeploy time absent, deploy fields kept.
      const undeployed = (await client.get(`/_plugins/_ml/models/${modelId}`)).body as Record<string, unknown>;
      expect(undeployed).toMatchObject({
        current_worker_node_count: 0,
        planning_worker_node_count: 0,
        deploy_to_all_nodes: true,
        last_deployed_time: expect.any(Number) as number,
      });
      for (const key of ['planning_worker_nodes', 'last_undeployed_time', 'auto_redeploy_retry_times']) {
        expect(undeployed).not.toHaveProperty(key);
      }
    },
  );

  it('an undeploy during DEPLOYING wins over the finishing deploy', async () => {
    const { clock, client, zip } = await steppedSimulator('3.x');
    const register = await client.post('/_plugins/_ml/models/_register', registerBody({ url: URL, zip }));
    await clock.step();
    await clock.step();
    const modelId = str((await client.get(`/_plugins/_ml/tasks/${str(register.body, 'task_id')}`)).body, 'model_id');
    const deploy = await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
    const undeploy = await client.post(`/_plugins/_ml/models/${modelId}/_undeploy`);
    expect(Object.values(undeploy.body as object)).toEqual([{ stats: { [modelId]: 'undeployed' } }]);
    await clock.step();
    await clock.step();
    expect(await taskState(client, str(deploy.body, 'task_id'))).toBe('COMPLETED');
    expect(await modelState(client, modelId)).toBe('UNDEPLOYED');
  });

  it('a deploy whose backend cannot load the model ends FAILED with a per-node error and DEPLOY_FAILED', async () => {
    const zip = modelZip('ONNX');
    const sim = createSimulator({
      profile: '3.x',
      baseUrl: BASE,
      inference: createFakeBackend({ prepareError: 'input mismatch, looking for: [input_ids]' }),
      fetchArtifact: () => Promise.resolve(zip),
    });
    msw.install(sim);
    const client = testClient(BASE);
    await allowDevRegistration(client);
    await client.post('/_plugins/_ml/models/_register', registerBody({ url: URL, zip }));
    await sim.settle();
    const [model] = [...sim.state.models.values()];
    const deploy = await client.post(`/_plugins/_ml/models/${model?.id ?? ''}/_deploy`);
    await sim.settle();
    const task = (await client.get(`/_plugins/_ml/tasks/${str(deploy.body, 'task_id')}`)).body;
    expect(task).toMatchObject({ state: 'FAILED' });
    expect(JSON.parse(str(task, 'error'))).toEqual({ [sim.node.id]: 'input mismatch, looking for: [input_ids]' });
    expect(model?.doc.model_state).toBe('DEPLOY_FAILED');
  });
});

describe('reset', () => {
  it('stops in-flight tasks from writing into the fresh state', async () => {
    const { sim, clock, client, zip } = await steppedSimulator('3.x');
    await client.post('/_plugins/_ml/models/_register', registerBody({ url: URL, zip }));
    sim.reset();
    await clock.step();
    await clock.step();
    expect(sim.state.models.size).toBe(0);
    expect(sim.state.groups.size).toBe(0);
    expect(sim.settings.getBoolean('plugins.ml_commons.allow_registering_model_via_url')).toBe(false);
  });
});
