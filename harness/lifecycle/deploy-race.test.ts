import { describe, expect, it } from 'vitest';
import { MlHttpError } from '../ml/errors.ts';
import { jumpingClock } from '../ml/testing/jumping-clock.ts';
import { scriptedModelClient, type ModelStep } from '../ml/testing/scripted-model-client.ts';
import { ModelStateFailedError, ModelStateTimeoutError } from '../ml/wait-errors.ts';
import { DeployNotServingError, SYNC_UP_RACE, waitUntilServing } from './deploy-race.ts';

const serving: ModelStep = {
  state: 'DEPLOYED',
  profile: { nodes: { n1: { models: { m1: { model_state: 'DEPLOYED', worker_nodes: ['n1'] } } } } },
};

const after = (timeoutMs: number) => ({
  taskId: 't9',
  timeoutMs,
  wait: { timeoutMs: 3000, clock: jumpingClock() },
});

describe('waitUntilServing', () => {
  it('returns once the profile shows the model on its worker nodes', async () => {
    const client = scriptedModelClient('DEPLOYED', serving);
    await expect(waitUntilServing(client, 'm1', after(3000))).resolves.toBeUndefined();
    expect(client.getModel).toHaveBeenCalledTimes(2);
  });

  it('names the task, the state and the race when the model goes DEPLOY_FAILED', async () => {
    const error = await waitUntilServing(scriptedModelClient('DEPLOY_FAILED'), 'm1', after(3000)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeployNotServingError);
    expect((error as DeployNotServingError).message).toBe(
      `model m1: deploy task t9 COMPLETED, then the model went DEPLOY_FAILED — ${SYNC_UP_RACE}`,
    );
    expect((error as DeployNotServingError).modelId).toBe('m1');
    expect((error as DeployNotServingError).code).toBe('model-state-failed');
    expect((error as Error).cause).toBeInstanceOf(ModelStateFailedError);
  });

  it('names the budget in whole seconds and the last state when the model never becomes routable', async () => {
    const error = await waitUntilServing(scriptedModelClient('DEPLOYED'), 'm1', after(2600)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployNotServingError);
    expect((error as Error).message).toMatch(
      /^model m1: deploy task t9 COMPLETED, but the model was not routable within 3 s \(model DEPLOYED; profile worker_nodes never covered target_worker_nodes; model m1 .*\) — ML Commons' sync-up race/,
    );
    expect((error as Error).cause).toBeInstanceOf(ModelStateTimeoutError);
    const stateless = await waitUntilServing(scriptedModelClient(undefined), 'm1', after(1400)).catch(
      (e: unknown) => e,
    );
    expect((stateless as Error).message).toContain('within 1 s (model (no state);');
  });

  it('lets any other error through as it is', async () => {
    const refused = new MlHttpError({ status: 403, method: 'GET', path: '/m1', body: { error: 'no' } });
    const client = { getModel: () => Promise.reject(refused), getModelProfile: () => Promise.resolve({}) };
    await expect(waitUntilServing(client, 'm1', after(3000))).rejects.toBe(refused);
  });

  it('says (no state) when no poll of the model answered, and is named for reports', async () => {
    const busy = new MlHttpError({ status: 503, method: 'GET', path: '/m1', body: {} });
    const client = { getModel: () => Promise.reject(busy), getModelProfile: () => Promise.resolve({}) };
    const error = await waitUntilServing(client, 'm1', after(1000)).catch((e: unknown) => e);
    expect((error as Error).message).toContain('within 1 s (model (no state);');
    expect((error as Error).name).toBe('DeployNotServingError');
  });
});
