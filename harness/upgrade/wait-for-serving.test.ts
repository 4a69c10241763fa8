import { describe, expect, it, vi } from 'vitest';
import type { ModelProfileResponse } from '../ml/cluster-schemas.ts';
import type { Model } from '../ml/schemas.ts';
import { fakeTimeEachTest, settle } from '../ml/testing/fake-time.ts';
import { scriptedModelClient } from '../ml/testing/scripted-model-client.ts';
import { ModelStateFailedError, ModelStateTimeoutError } from '../ml/wait-errors.ts';
import { isServing, servingSnapshot, waitForServing } from './wait-for-serving.ts';

const NODE = 'n1';

function loaded(state = 'DEPLOYED', workers: string[] = [NODE]): ModelProfileResponse {
  return {
    nodes: { [NODE]: { models: { m1: { model_state: state, worker_nodes: workers, target_worker_nodes: [NODE] } } } },
  };
}

fakeTimeEachTest();

describe('servingSnapshot / isServing', () => {
  it('a DEPLOYED document with an empty profile is not serving (stale state after a restart)', () => {
    expect(isServing(servingSnapshot({ name: 'm', model_state: 'DEPLOYED' }, {}, 'm1'))).toBe(false);
  });

  it('needs every target node among the workers and every node state DEPLOYED', () => {
    const model: Model = { name: 'm', model_state: 'DEPLOYED' };
    expect(isServing(servingSnapshot(model, loaded(), 'm1'))).toBe(true);
    expect(isServing(servingSnapshot(model, loaded('DEPLOYING', []), 'm1'))).toBe(false);
    const partial: ModelProfileResponse = {
      nodes: {
        a: { models: { m1: { model_state: 'DEPLOYED', worker_nodes: ['a'], target_worker_nodes: ['a', 'b'] } } },
      },
    };
    expect(isServing(servingSnapshot(model, partial, 'm1'))).toBe(false);
    expect(isServing(servingSnapshot({ name: 'm', model_state: 'DEPLOYING' }, loaded(), 'm1'))).toBe(false);
  });
});

describe('waitForServing', () => {
  it('waits through stale DEPLOYED and the auto-redeploy until the model is loaded', async () => {
    const fake = scriptedModelClient(
      { state: 'DEPLOYED', profile: {} },
      { state: 'DEPLOYED', profile: {} },
      { state: 'DEPLOYING', profile: loaded('DEPLOYING', []) },
      { state: 'DEPLOYED', profile: loaded() },
    );
    const result = settle(waitForServing(fake, 'm1', { timeoutMs: 10_000 }));
    await vi.runAllTimersAsync();
    const { value } = await result;
    expect(value?.workerNodes).toEqual([NODE]);
    expect(value?.history.map((o) => o.state)).toEqual([
      'DEPLOYED, not loaded',
      'DEPLOYED, not loaded',
      'DEPLOYING, not loaded',
      'DEPLOYED, loaded on 1/1',
    ]);
  });

  it('fails at once on a failOn state (auto-redeploy off: the sync job marks DEPLOY_FAILED)', async () => {
    const fake = scriptedModelClient({ state: 'DEPLOYED', profile: {} }, { state: 'DEPLOY_FAILED', profile: {} });
    const result = settle(waitForServing(fake, 'm1', { timeoutMs: 10_000, failOn: ['DEPLOY_FAILED'] }));
    await vi.runAllTimersAsync();
    const { error } = await result;
    expect(error).toBeInstanceOf(ModelStateFailedError);
    expect((error as Error).message).toMatch(/^model m1 reached DEPLOY_FAILED; states seen: DEPLOYED, not loaded ×1/);
  });

  it('times out naming what it waited for and what it saw', async () => {
    const fake = scriptedModelClient({ state: 'DEPLOYED', profile: {} });
    const result = settle(waitForServing(fake, 'm1', { timeoutMs: 2_000 }));
    await vi.runAllTimersAsync();
    const { error } = await result;
    expect(error).toBeInstanceOf(ModelStateTimeoutError);
    expect((error as Error).message).toMatch(
      /^model m1 \(waiting for DEPLOYED and loaded \(profile worker_nodes\)\): not done after 2000 ms; states seen: DEPLOYED, not loaded ×\d+/,
    );
  });
});
