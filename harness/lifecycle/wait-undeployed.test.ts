import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Model, ModelState, UndeployModelResponse } from '../ml/schemas.ts';
import { ModelStateFailedError, ModelStateTimeoutError } from '../ml/wait-errors.ts';
import { DeployNotServingError } from './deploy-race.ts';
import { waitUndeployed } from './wait-undeployed.ts';

/** A model whose document reads `before` until the n-th undeploy call, then what that call's entry says. */
function cluster(afterUndeploy: readonly ModelState[][]) {
  let states: ModelState[] = ['DEPLOYED'];
  let undeploys = 0;
  const getModel = vi.fn((): Promise<Model> => {
    const state = states.length > 1 ? states.shift() : states[0];
    return Promise.resolve({ name: 'm', ...(state === undefined ? {} : { model_state: state }) });
  });
  const undeployModel = vi.fn((): Promise<UndeployModelResponse> => {
    states = [...(afterUndeploy[undeploys] ?? ['UNDEPLOYED'])];
    undeploys += 1;
    return Promise.resolve({});
  });
  return { getModel, undeployModel };
}

const options = (notices: string[]) => ({
  wait: () => ({ timeoutMs: 5_000 }),
  request: () => ({}),
  notice: (line: string) => notices.push(line),
});

async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const result = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return result;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('waitUndeployed', () => {
  it('returns the UNDEPLOYED model without a second undeploy when no race happened', async () => {
    const fake = cluster([['UNDEPLOYED']]);
    await fake.undeployModel();
    const notices: string[] = [];

    const { value } = await settle(waitUndeployed(fake, 'm1', options(notices)));

    expect(value?.model_state).toBe('UNDEPLOYED');
    expect(fake.undeployModel).toHaveBeenCalledTimes(1);
    expect(notices).toEqual([]);
  });

  it('answers a DEPLOY_FAILED written by the sync-up job with one more undeploy, and says so', async () => {
    const fake = cluster([['UNDEPLOYED', 'DEPLOY_FAILED'], ['UNDEPLOYED']]);
    await fake.undeployModel();
    // The sync-up job's write lands after the undeploy's own: the first read already sees DEPLOY_FAILED.
    fake.getModel.mockResolvedValueOnce({ name: 'm', model_state: 'DEPLOY_FAILED' });
    const notices: string[] = [];

    const { value } = await settle(waitUndeployed(fake, 'm1', options(notices)));

    expect(value?.model_state).toBe('UNDEPLOYED');
    expect(fake.undeployModel).toHaveBeenCalledTimes(2);
    expect(notices).toEqual([expect.stringMatching(/m1: undeployed, then .*sync-up job wrote DEPLOY_FAILED/)]);
  });

  it('fails naming the race when the model is DEPLOY_FAILED after the second undeploy too', async () => {
    const fake = cluster([['DEPLOY_FAILED'], ['DEPLOY_FAILED']]);
    await fake.undeployModel();

    const { error } = await settle(waitUndeployed(fake, 'm1', options([])));

    expect(error).toBeInstanceOf(DeployNotServingError);
    expect(String(error)).toMatch(/m1: went DEPLOY_FAILED after two undeploys .*sync-up race/);
    expect(fake.undeployModel).toHaveBeenCalledTimes(2);
  });

  it('does not undeploy again on a timeout: only the race is answered', async () => {
    const fake = cluster([['DEPLOYED']]);
    await fake.undeployModel();

    const { error } = await settle(waitUndeployed(fake, 'm1', options([])));

    expect(error).toBeInstanceOf(ModelStateTimeoutError);
    expect(fake.undeployModel).toHaveBeenCalledTimes(1);
  });

  it('names the second undeploy exactly, and sends it also when no one listens for notices', async () => {
    const fake = cluster([['DEPLOY_FAILED'], ['UNDEPLOYED']]);
    await fake.undeployModel();
    const notices: string[] = [];
    await settle(waitUndeployed(fake, 'm1', options(notices)));
    expect(notices).toEqual([
      "model m1: undeployed, then ML Commons' sync-up job wrote DEPLOY_FAILED (the sync-up race); " +
        'undeploying once more to set UNDEPLOYED',
    ]);

    const quiet = cluster([['DEPLOY_FAILED'], ['UNDEPLOYED']]);
    await quiet.undeployModel();
    const { value } = await settle(
      waitUndeployed(quiet, 'm1', { wait: () => ({ timeoutMs: 5_000 }), request: () => ({}) }),
    );
    expect(value?.model_state).toBe('UNDEPLOYED');
    expect(quiet.undeployModel).toHaveBeenCalledTimes(2);
  });

  it('keeps the failed wait as the cause, and lets a timeout after the second undeploy through as it is', async () => {
    const twice = cluster([['DEPLOY_FAILED'], ['DEPLOY_FAILED']]);
    await twice.undeployModel();
    const { error } = await settle(waitUndeployed(twice, 'm1', options([])));
    expect((error as Error).cause).toBeInstanceOf(ModelStateFailedError);

    const stuck = cluster([['DEPLOY_FAILED'], ['DEPLOYED']]);
    await stuck.undeployModel();
    const late = await settle(waitUndeployed(stuck, 'm1', options([])));
    expect(late.error).toBeInstanceOf(ModelStateTimeoutError);
    expect(stuck.undeployModel).toHaveBeenCalledTimes(2);
  });
});
