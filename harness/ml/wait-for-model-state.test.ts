import { describe, expect, it, vi } from 'vitest';
import { fakeTimeEachTest, settle } from './testing/fake-time.ts';
import { scriptedModelClient } from './testing/scripted-model-client.ts';
import { ModelStateFailedError, ModelStateTimeoutError } from './wait-errors.ts';
import { waitForModelState } from './wait-for-model-state.ts';

fakeTimeEachTest();

describe('waitForModelState', () => {
  it('returns the model once it reaches a wanted state (asynchronous undeploy on 2.x)', async () => {
    const fake = scriptedModelClient('DEPLOYED', 'DEPLOYED', 'UNDEPLOYED');
    const seen: string[] = [];
    const result = settle(
      waitForModelState(fake, 'm1', ['UNDEPLOYED'], { timeoutMs: 5000, onState: (state) => seen.push(state) }),
    );
    await vi.runAllTimersAsync();

    expect((await result).value).toEqual({ name: 'm', model_state: 'UNDEPLOYED' });
    expect(seen).toEqual(['DEPLOYED', 'UNDEPLOYED']);
    expect(fake.getModel).toHaveBeenCalledTimes(3);
  });

  it('fails at once on a failOn state', async () => {
    const fake = scriptedModelClient('DEPLOYING', 'DEPLOY_FAILED');
    const result = settle(waitForModelState(fake, 'm1', ['DEPLOYED'], { timeoutMs: 5000, failOn: ['DEPLOY_FAILED'] }));
    await vi.runAllTimersAsync();
    const { error } = await result;

    expect(error).toBeInstanceOf(ModelStateFailedError);
    expect(error).toMatchObject({ modelId: 'm1', state: 'DEPLOY_FAILED' });
    expect((error as Error).message).toBe(
      'model m1 reached DEPLOY_FAILED; states seen: DEPLOYING ×1 (0.00 s) → DEPLOY_FAILED ×1 (0.01 s)',
    );
  });

  it('times out with the history, including documents without a state', async () => {
    const fake = scriptedModelClient(undefined, 'DEPLOYED');
    const result = settle(waitForModelState(fake, 'm1', ['UNDEPLOYED', 'REGISTERED'], { timeoutMs: 3000 }));
    await vi.runAllTimersAsync();
    const { error } = await result;

    expect(error).toBeInstanceOf(ModelStateTimeoutError);
    const timeout = error as ModelStateTimeoutError;
    expect(timeout.wanted).toEqual(['UNDEPLOYED', 'REGISTERED']);
    expect(timeout.last).toEqual({ name: 'm', model_state: 'DEPLOYED' });
    expect(timeout.message).toMatch(
      /^model m1 \(waiting for UNDEPLOYED\|REGISTERED\): not done after 3000 ms; states seen: \(no state\) ×1 \(0\.00 s\) → DEPLOYED ×\d+/,
    );
  });
});
