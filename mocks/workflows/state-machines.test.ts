import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../artifact/sha256.ts';
import type { PrepareRequest } from '../inference/backend.ts';
import { createSimulator, type Simulator, type SimulatorOptions } from '../simulator.ts';
import { GROUP_INDEX, MODEL_INDEX, TASK_INDEX } from '../state/store.ts';
import { testClient, type TestClient } from '../test-support/client.ts';
import { createFakeBackend } from '../test-support/fake-backend.ts';
import { at, str } from '../test-support/json.ts';
import { allowDevRegistration, registerBody } from '../test-support/lifecycle.ts';
import { useMswServer } from '../test-support/msw.ts';
import { steppedClock, type SteppedClock } from '../test-support/stepped-clock.ts';
import { modelZip } from '../test-support/zips.ts';
import type { ProfileId } from '../profiles/index.ts';

const BASE = 'http://127.0.0.1:9200';
const URL = 'http://127.0.0.1:1/model.zip';
const msw = useMswServer();

/**
 * A simulator (3.x unless told) with URL registration allowed, the fake backend, and an in-memory download of `zip`
 * unless another download is given.
 */
async function simulatorWith(options: Partial<Omit<SimulatorOptions, 'baseUrl'>> = {}, zip = modelZip('ONNX')) {
  const sim = createSimulator({
    profile: '3.x',
    inference: createFakeBackend(),
    fetchArtifact: () => Promise.resolve(zip),
    ...options,
    baseUrl: BASE,
  });
  msw.install(sim);
  const client = testClient(BASE);
  await allowDevRegistration(client);
  return { sim, client, zip };
}

/** A simulator whose artifact download is in-memory and whose state machines only move on `clock.step()`. */
async function steppedSimulator(profile: ProfileId, zip = modelZip('ONNX')) {
  const clock = steppedClock();
  return { ...(await simulatorWith({ profile, clock }, zip)), clock };
}

/** A registered model on a stepped simulator of `profile`. */
async function registered(profile: ProfileId) {
  const setup = await steppedSimulator(profile);
  const register = await setup.client.post(
    '/_plugins/_ml/models/_register',
    registerBody({ url: URL, zip: setup.zip }),
  );
  await setup.clock.step();
  await setup.clock.step();
  const taskId = str(register.body, 'task_id');
  const modelId = str((await setup.client.get(`/_plugins/_ml/tasks/${taskId}`)).body, 'model_id');
  return { ...setup, modelId };
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
      const { sim, clock, client, modelId } = await registered(profile);

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
    const { clock, client, modelId } = await registered('3.x');
    const deploy = await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
    const undeploy = await client.post(`/_plugins/_ml/models/${modelId}/_undeploy`);
    expect(Object.values(undeploy.body as object)).toEqual([{ stats: { [modelId]: 'undeployed' } }]);
    await clock.step();
    await clock.step();
    expect(await taskState(client, str(deploy.body, 'task_id'))).toBe('COMPLETED');
    expect(await modelState(client, modelId)).toBe('UNDEPLOYED');
  });

  it.for(['FAILED', 'COMPLETED_WITH_ERROR'] as const)(
    'an undeploy during a deploy that ends %s wins too',
    async (outcome) => {
      const { sim, clock, client, modelId } = await registered('3.x');
      sim.faults.deployOutcome({ outcome });
      const deploy = await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
      await client.post(`/_plugins/_ml/models/${modelId}/_undeploy`);
      await clock.step();
      await clock.step();
      expect(await taskState(client, str(deploy.body, 'task_id'))).toBe(outcome);
      expect(await modelState(client, modelId)).toBe('UNDEPLOYED');
      expect((await client.get('/_plugins/_ml/profile/models')).body).toEqual({});
    },
  );

  it('a failing redeploy of a served model unloads it: DEPLOY_FAILED, and predict refuses', async () => {
    const { sim, clock, client, zip } = await steppedSimulator('3.x');
    const register = await client.post('/_plugins/_ml/models/_register?deploy=true', registerBody({ url: URL, zip }));
    for (let n = 0; n < 4; n += 1) {
      await clock.step();
    }
    const modelId = str((await client.get(`/_plugins/_ml/tasks/${str(register.body, 'task_id')}`)).body, 'model_id');
    expect(await modelState(client, modelId)).toBe('DEPLOYED');
    sim.faults.deployOutcome({ outcome: 'FAILED' });
    await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
    await clock.step();
    await clock.step();
    expect(await modelState(client, modelId)).toBe('DEPLOY_FAILED');
    const predict = await client.post(`/_plugins/_ml/models/${modelId}/_predict`, { text_docs: ['x'] });
    expect(predict.status).toBe(400);
  });

  it("hands the model's artifact, hash, format and config to a backend that loads models, and profiles it", async () => {
    const loads: PrepareRequest[] = [];
    const { sim, client, zip } = await simulatorWith({
      inference: {
        ...createFakeBackend(),
        prepare: (request) => {
          loads.push(request);
          return Promise.resolve();
        },
      },
    });
    await client.post('/_plugins/_ml/models/_register?deploy=true', registerBody({ url: URL, zip }));
    await sim.settle();
    const [model] = [...sim.state.models.values()];
    expect(loads).toEqual([
      { artifact: zip, sha256: sha256Hex(zip), format: 'ONNX', modelConfig: model?.doc.model_config },
    ]);
    const id = model?.id ?? '';
    const profile = await client.get(`/_plugins/_ml/profile/models/${id}`);
    expect(at(profile.body, 'nodes', sim.node.id, 'models', id, 'predictor')).toBe(
      `org.opensearch.ml.engine.algorithms.text_embedding.TextEmbeddingDenseModel@${id.slice(0, 8).toLowerCase()}`,
    );
  });

  it('a deploy whose backend cannot load the model ends FAILED with a per-node error and DEPLOY_FAILED', async () => {
    const { sim, client, zip } = await simulatorWith({
      inference: createFakeBackend({ prepareError: 'input mismatch, looking for: [input_ids]' }),
    });
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
    expectFreshCounters(sim);
  });

  /** Gives work that outlived a reset every chance to write: the tracker no longer waits for it. */
  async function drain(clock: SteppedClock): Promise<void> {
    for (let n = 0; n < 3; n += 1) {
      await clock.step();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Nothing was written since the reset: every index's next write would be its first. */
  function expectFreshCounters(sim: Simulator): void {
    expect(([TASK_INDEX, MODEL_INDEX, GROUP_INDEX] as const).map((index) => sim.state.nextSeqNo(index))).toEqual([
      0, 0, 0,
    ]);
  }

  it.for([0, 1])('stops a deploy in flight after %i clock steps from writing anything', async (steps) => {
    const { sim, clock, client, modelId } = await registered('3.x');
    await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
    for (let n = 0; n < steps; n += 1) {
      await clock.step();
    }
    sim.reset();
    await drain(clock);
    expectFreshCounters(sim);
  });

  it('stops a register whose download fails after the reset from writing anything', async () => {
    const clock = steppedClock();
    let fail: (error: Error) => void = () => undefined;
    const { sim, client, zip } = await simulatorWith({
      clock,
      fetchArtifact: () => new Promise<Uint8Array>((_resolve, reject) => (fail = reject)),
    });
    await client.post('/_plugins/_ml/models/_register', registerBody({ url: URL, zip }));
    await clock.step();
    sim.reset();
    fail(new Error('connection reset'));
    await drain(clock);
    expectFreshCounters(sim);
  });

  it('a model deleted while its register task runs stays deleted; the task is not completed', async () => {
    const { sim, clock, client, zip } = await steppedSimulator('3.x');
    const register = await client.post('/_plugins/_ml/models/_register', registerBody({ url: URL, zip }));
    await clock.step();
    const [modelId] = [...sim.state.models.keys()];
    expect((await client.del(`/_plugins/_ml/models/${modelId ?? ''}`)).status).toBe(200);
    await drain(clock);
    expect(sim.state.models.size).toBe(0);
    expect(await taskState(client, str(register.body, 'task_id'))).toBe('RUNNING');
  });

  it('stops an undeploy that applies later (older lines) from writing anything', async () => {
    const { sim, clock, client, modelId } = await registered('2.19');
    await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
    await clock.step();
    await clock.step();
    expect(await modelState(client, modelId)).toBe('DEPLOYED');
    await client.post(`/_plugins/_ml/models/${modelId}/_undeploy`);
    sim.reset();
    await drain(clock);
    expectFreshCounters(sim);
  });
});
