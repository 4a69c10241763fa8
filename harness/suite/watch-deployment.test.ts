import { describe, expect, it } from 'vitest';
import type { Clock } from '../ml/clock.ts';
import { MlHttpError } from '../ml/errors.ts';
import type { Model } from '../ml/schemas.ts';
import { describeFlips, watchDeployment, type WatchClient } from './watch-deployment.ts';

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

const serving = {
  nodes: { n1: { models: { m1: { model_state: 'DEPLOYED', worker_nodes: ['n1'], target_worker_nodes: ['n1'] } } } },
};

/** A cluster whose model flips to DEPLOY_FAILED (and stops answering) from the `flipAt`-th sample on. */
function cluster(interval: string, flipAt = Number.POSITIVE_INFINITY): WatchClient & { samples: number } {
  const fake = {
    samples: 0,
    getClusterSettings: () =>
      Promise.resolve({
        persistent: {},
        transient: {},
        defaults: { 'plugins.ml_commons.sync_up_job_interval_in_seconds': interval },
      }),
    getModel: (): Promise<Model> => {
      fake.samples += 1;
      return Promise.resolve({ name: 'm', model_state: fake.samples >= flipAt ? 'DEPLOY_FAILED' : 'DEPLOYED' });
    },
    getModelProfile: () => Promise.resolve(fake.samples >= flipAt ? {} : serving),
    predict: () =>
      fake.samples >= flipAt
        ? Promise.reject(
            new MlHttpError({
              status: 400,
              method: 'POST',
              path: '/p',
              body: { error: { reason: 'Model not ready yet. Please deploy the model first.' } },
            }),
          )
        : Promise.resolve({ inference_results: [] }),
  };
  return fake;
}

describe('watchDeployment', () => {
  it('watches one sync-up interval plus a margin and finds nothing on a steady model', async () => {
    const watch = await watchDeployment(cluster('10'), 'm1', { predict: { text_docs: ['a'] }, clock: instantClock() });
    expect(watch).toMatchObject({ intervalSeconds: 10, samples: 12, flips: [] });
  });

  it('reports a flip with when and what, and names the ML Commons race', async () => {
    const watch = await watchDeployment(cluster('3', 3), 'm1', {
      predict: { text_docs: ['a'] },
      clock: instantClock(),
    });
    expect(watch.flips[0]).toEqual({ atMs: 2_000, what: 'model DEPLOY_FAILED, not loaded' });
    expect(watch.flips[1]).toEqual({
      atMs: 2_000,
      what: 'predict 400: Model not ready yet. Please deploy the model first.',
    });
    const text = describeFlips('m1', watch);
    expect(text).toMatch(
      /^model m1 stopped serving within one sync-up interval \(3 s, watched 5\.0 s\): \+2\.0 s model DEPLOY_FAILED/,
    );
    expect(text).toContain("ML Commons' sync-up race");
  });
});
