import { beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../ml/clock.ts';
import { MlConnectionError, MlHttpError } from '../ml/errors.ts';
import { TaskFailedError, TaskTimeoutError } from '../ml/wait-errors.ts';
import { ModelLifecycle } from './model-lifecycle.ts';
import { ResourceLedger } from './resource-ledger.ts';
import { FakeMl } from './testing/fake-ml.ts';

const RUN = 'r20261123t040512-3fa9';

/** Instant clock: sleeping advances time, so waits finish without timers and timings are deterministic. */
function instantClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

let ml: FakeMl;
let ledger: ResourceLedger;

function lifecycle(signal?: AbortSignal): ModelLifecycle {
  return new ModelLifecycle({
    client: ml.client,
    ledger,
    runId: RUN,
    scope: 'MiniLM',
    timeouts: { registerMs: 5000, deployMs: 5000, undeployMs: 5000 },
    clock: instantClock(),
    ...(signal === undefined ? {} : { signal }),
  });
}

const register = { version: '1.0.0', model_format: 'ONNX', url: 'http://127.0.0.1:1/m.zip' } as const;

beforeEach(() => {
  ml = new FakeMl();
  ledger = new ResourceLedger();
});

describe('ModelLifecycle.run', () => {
  it('goes through the whole lifecycle and leaves nothing behind', async () => {
    const driver = lifecycle();
    const result = await driver.run({ register, predict: { text_docs: ['hello', 'world'] } });

    expect(result.prediction.inference_results).toHaveLength(2);
    expect(result.registerTask?.state).toBe('COMPLETED');
    expect(result.undeployedModel.model_state).toBe('UNDEPLOYED');
    expect(ml.calls.filter((c) => !c.startsWith('getModel'))).toEqual([
      `registerModelGroup omlc-${RUN}-minilm-group`,
      `registerModel omlc-${RUN}-minilm-model`,
      `deployModel ${result.modelId}`,
      `predict ${result.modelId}`,
      `undeployModel ${result.modelId}`,
      `deleteModel ${result.modelId}`,
      `deleteModelGroup ${result.groupId}`,
    ]);
    expect(ml.empty).toBe(true);
    expect(ledger.pending).toEqual([]);
  });

  it('times every phase, with server time for task phases', async () => {
    const driver = lifecycle();
    await driver.run({ register, predict: { text_docs: ['a'] } });
    const timings = driver.timings();

    expect(timings.map((t) => t.phase)).toEqual([
      'register-group',
      'register-model',
      'deploy',
      'predict',
      'undeploy',
      'delete-model',
      'delete-group',
    ]);
    expect(timings.every((t) => t.ok)).toBe(true);
    expect(timings.find((t) => t.phase === 'register-model')).toMatchObject({ serverMs: 600, wallMs: 50 });
    expect(timings.find((t) => t.phase === 'deploy')?.serverMs).toBe(600);
    expect(timings.find((t) => t.phase === 'predict')?.serverMs).toBeUndefined();
  });
});

describe('ModelLifecycle phases', () => {
  it('tracks a model whose register task FAILED but names it, and releases it', async () => {
    ml.behaviour.registerFailure = { error: 'model content changed', keepModel: true, modelIdInTask: true };
    const driver = lifecycle();
    const { groupId } = await driver.registerGroup();

    const error = await driver.registerModel(register).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model-group', 'model']);
    expect(driver.timings().at(-1)).toMatchObject({ phase: 'register-model', ok: false, serverMs: 600 });

    await ledger.releaseAll();
    expect(ml.empty).toBe(true);
    expect(ml.calls.at(-1)).toBe(`deleteModelGroup ${groupId}`);
  });

  it('finds a failed registration by name when the task does not carry a model_id', async () => {
    ml.behaviour.registerFailure = { error: 'No tokenizer file', keepModel: true, modelIdInTask: false };
    const driver = lifecycle();
    await driver.registerGroup();

    await expect(driver.registerModel(register)).rejects.toThrow(/No tokenizer file/);
    expect(ml.calls).toContain('searchModels');
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model-group', 'model']);
    await ledger.releaseAll();
    expect(ml.empty).toBe(true);
  });

  it('tracks nothing extra when the server already removed the failed model', async () => {
    ml.behaviour.registerFailure = { error: 'model content changed', keepModel: false, modelIdInTask: false };
    const driver = lifecycle();
    await expect(driver.registerModel(register)).rejects.toThrow(TaskFailedError);
    expect(ledger.pending).toEqual([]);
    expect(ml.empty).toBe(true);
  });

  it('tracks nothing and searches nothing when the cluster refuses the registration', async () => {
    const body = { error: { reason: "URL can't match trusted url regex" } };
    ml.client.registerModel = () =>
      Promise.reject(new MlHttpError({ status: 400, method: 'POST', path: '/_plugins/_ml/models/_register', body }));
    const driver = lifecycle();
    await expect(driver.registerModel(register)).rejects.toThrow(/trusted url regex/);
    expect(ledger.pending).toEqual([]);
    expect(ml.calls).not.toContain('searchModels');
  });

  it('looks for a model left by a registration whose answer was lost', async () => {
    const registerModel = ml.client.registerModel;
    ml.client.registerModel = async (request, options) => {
      await registerModel(request, options);
      throw new MlConnectionError({ method: 'POST', url: 'x', kind: 'timeout', detail: 'Request timed out', hint: '' });
    };
    const driver = lifecycle();
    await driver.registerGroup();
    await expect(driver.registerModel(register)).rejects.toThrow(MlConnectionError);
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model-group', 'model']);
    await ledger.releaseAll();
    expect(ml.empty).toBe(true);
  });

  it('releases deployment, model and group in that order after a failed deploy', async () => {
    ml.behaviour.deployFailure = 'Failed to load model';
    const driver = lifecycle();
    const { groupId } = await driver.registerGroup();
    const { modelId } = await driver.registerModel(register);

    const error = await driver.deploy(modelId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect((error as TaskFailedError).nodeErrors).toEqual({ n1: 'Failed to load model' });
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model-group', 'model', 'deployment']);

    ml.calls.length = 0;
    await ledger.releaseAll();
    // DEPLOY_FAILED holds no memory: no undeploy, straight to delete.
    expect(ml.calls.filter((c) => !c.startsWith('getModel'))).toEqual([
      `deleteModel ${modelId}`,
      `deleteModelGroup ${groupId}`,
    ]);
    expect(ml.empty).toBe(true);
  });

  it('undoes a deploy that timed out, even when the driver was aborted', async () => {
    ml.behaviour.deployStuck = true;
    const controller = new AbortController();
    const driver = lifecycle(controller.signal);
    await driver.registerGroup();
    const { modelId } = await driver.registerModel(register);

    await expect(driver.deploy(modelId)).rejects.toThrow(TaskTimeoutError);
    controller.abort();
    const report = await ledger.releaseAll();

    expect(report.failed).toEqual([]);
    expect(ml.calls).toContain(`undeployModel ${modelId}`);
    expect(ml.empty).toBe(true);
  });

  it('waits for UNDEPLOYED when the model state lags behind the undeploy call', async () => {
    ml.behaviour.undeployLag = 3;
    const driver = lifecycle();
    await driver.registerGroup();
    const { modelId } = await driver.registerModel(register);
    await driver.deploy(modelId);
    const before = ml.calls.length;

    const { model } = await driver.undeploy(modelId);
    expect(model.model_state).toBe('UNDEPLOYED');
    expect(ml.calls.slice(before).filter((c) => c === `getModel ${modelId}`)).toHaveLength(4);
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model-group', 'model']);
  });

  it('deletes the group ML Commons created when no model_group_id was given', async () => {
    const driver = lifecycle();
    const { modelId } = await driver.registerModel(register);
    expect(ml.groups.size).toBe(1);
    await driver.deploy(modelId);

    await ledger.releaseAll();
    expect(ml.empty).toBe(true);
  });

  it('untracks what the test deleted itself and tolerates resources deleted behind its back', async () => {
    const driver = lifecycle();
    const { groupId } = await driver.registerGroup();
    const { modelId } = await driver.registerModel(register);
    await driver.deleteModel(modelId);
    expect(ledger.pending.map((r) => r.id)).toEqual([groupId]);

    ml.groups.delete(groupId);
    const report = await ledger.releaseAll();
    expect(report.alreadyGone.map((r) => r.id)).toEqual([groupId]);
  });

  it('gives repeated resources distinct run-scoped names', () => {
    const driver = lifecycle();
    expect(driver.nameFor('group')).toBe(`omlc-${RUN}-minilm-group`);
    expect(driver.nameFor('group')).toBe(`omlc-${RUN}-minilm-group-2`);
  });
});
