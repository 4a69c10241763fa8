import { describe, expect, it } from 'vitest';
import type { Clock } from '../ml/clock.ts';
import { MlHttpError } from '../ml/errors.ts';
import type { Model, ModelState } from '../ml/schemas.ts';
import { releaseModel, undeployIfLoaded, type ModelReleaseClient } from './model-release.ts';

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

/** A model whose document goes through `states` one GET at a time (the last one stays). */
function scripted(states: ModelState[], onUndeploy?: (states: ModelState[]) => void) {
  const calls: string[] = [];
  let deleted = false;
  const client: ModelReleaseClient = {
    getModel: () => {
      calls.push(`get ${states[0] ?? ''}`);
      const model: Model = { name: 'm', model_state: states.length > 1 ? states.shift() : states[0] };
      return Promise.resolve(model);
    },
    undeployModel: () => {
      calls.push('undeploy');
      onUndeploy?.(states);
      return Promise.resolve({ n1: { stats: { m1: 'undeployed' } } });
    },
    deleteModel: () => {
      calls.push('delete');
      if (['DEPLOYED', 'DEPLOYING'].includes(states[0] ?? '')) {
        const body = {
          error: {
            reason: 'Model cannot be deleted in deploying or deployed state. Try undeploy model first then delete',
          },
        };
        return Promise.reject(new MlHttpError({ status: 400, method: 'DELETE', path: '/m1', body }));
      }
      deleted = true;
      return Promise.resolve({ _id: 'm1', result: 'deleted' });
    },
  };
  return { client, calls, deleted: () => deleted };
}

const options = { undeployTimeoutMs: 10_000, clock: instantClock() };

describe('releaseModel', () => {
  it('lets a deploy still in flight finish before undeploying it, so it does not end up DEPLOYED after all', async () => {
    const m = scripted(['DEPLOYING', 'DEPLOYING', 'DEPLOYED'], (states) =>
      states.splice(0, states.length, 'UNDEPLOYED'),
    );
    await releaseModel(m.client, 'm1', options);
    expect(m.calls.filter((c) => !c.startsWith('get'))).toEqual(['undeploy', 'delete']);
    expect(m.deleted()).toBe(true);
  });

  it('waits for a register in flight, then deletes', async () => {
    const m = scripted(['REGISTERING', 'REGISTERING', 'REGISTERED']);
    await releaseModel(m.client, 'm1', options);
    expect(m.calls).toEqual(['get REGISTERING', 'get REGISTERING', 'get REGISTERED', 'delete']);
  });

  it('deletes a model stuck REGISTERING once the settle budget is spent (ML Commons allows it)', async () => {
    const m = scripted(['REGISTERING']);
    await releaseModel(m.client, 'm1', { ...options, settleTimeoutMs: 2_000 });
    expect(m.calls.at(-1)).toBe('delete');
    expect(m.deleted()).toBe(true);
  });

  it('answers a delete refused because the model is deployed again with one more undeploy', async () => {
    // The model looks REGISTERED, then a deploy that was in flight lands before the delete.
    const m = scripted(['REGISTERED', 'DEPLOYED'], (states) => states.splice(0, states.length, 'UNDEPLOYED'));
    await releaseModel(m.client, 'm1', options);
    expect(m.calls.filter((c) => !c.startsWith('get'))).toEqual(['delete', 'undeploy', 'delete']);
    expect(m.deleted()).toBe(true);
  });

  it('cuts its waits short once hurried, and still deletes', async () => {
    const hurry = new AbortController();
    hurry.abort();
    const clock = instantClock();
    const m = scripted(['REGISTERING']);
    await releaseModel(m.client, 'm1', { undeployTimeoutMs: 600_000, clock, hurry: hurry.signal });
    expect(clock.now()).toBeLessThanOrEqual(5_000);
    expect(m.deleted()).toBe(true);
  });

  it('hands its signal to every request, and sends none it was not given', async () => {
    const signal = new AbortController().signal;
    const seen: [string, unknown][] = [];
    const m = scripted(['DEPLOYED', 'UNDEPLOYED']);
    const client: ModelReleaseClient = {
      getModel: (id, o) => {
        seen.push(['get', o]);
        return m.client.getModel(id, o);
      },
      undeployModel: (id, o) => {
        seen.push(['undeploy', o]);
        return m.client.undeployModel(id, o);
      },
      deleteModel: (id, o) => {
        seen.push(['delete', o]);
        return m.client.deleteModel(id, o);
      },
    };
    await releaseModel(client, 'm1', { ...options, signal });
    expect(seen).toEqual([
      ['get', { signal }],
      ['undeploy', { signal }],
      ['get', expect.objectContaining({ signal })],
      ['delete', { signal }],
    ]);
    seen.length = 0;
    await releaseModel(client, 'm1', options);
    expect(seen.filter(([call]) => call !== 'get')).toEqual([['delete', {}]]);
  });

  it('says whether it sent an undeploy', async () => {
    await expect(undeployIfLoaded(scripted(['DEPLOYED', 'UNDEPLOYED']).client, 'm1', options)).resolves.toBe(true);
    await expect(undeployIfLoaded(scripted(['REGISTERED']).client, 'm1', options)).resolves.toBe(false);
    await expect(undeployIfLoaded(scripted([]).client, 'm1', options)).resolves.toBe(false);
  });

  it('passes on a delete refused with 400 while the model is not loaded, and any other refusal', async () => {
    const m = scripted(['REGISTERED']);
    const refusal = (status: number) =>
      new MlHttpError({ status, method: 'DELETE', path: '/m1', body: { error: { reason: 'refused' } } });
    const refusing = (status: number): ModelReleaseClient => ({
      ...m.client,
      deleteModel: () => Promise.reject(refusal(status)),
    });
    await expect(releaseModel(refusing(400), 'm1', options)).rejects.toMatchObject({ status: 400 });
    await expect(releaseModel(refusing(409), 'm1', options)).rejects.toMatchObject({ status: 409 });
    expect(m.calls.filter((c) => c === 'undeploy')).toEqual([]);
  });

  it('passes on an error of the settle wait that is not its timeout', async () => {
    const refused = new MlHttpError({ status: 403, method: 'GET', path: '/m1', body: { error: 'no' } });
    let reads = 0;
    const client: ModelReleaseClient = {
      ...scripted([]).client,
      getModel: () =>
        reads++ === 0 ? Promise.resolve({ name: 'm', model_state: 'REGISTERING' }) : Promise.reject(refused),
    };
    await expect(releaseModel(client, 'm1', options)).rejects.toBe(refused);
  });

  it('acts on the last state the settle wait saw, or on the first read when no poll answered', async () => {
    // A register still running when a deploy starts: the model is DEPLOYING at the deadline and must be undeployed.
    const m = scripted(['REGISTERING', 'DEPLOYING'], (states) => states.splice(0, states.length, 'UNDEPLOYED'));
    await releaseModel(m.client, 'm1', { ...options, settleTimeoutMs: 1_000 });
    expect(m.calls.filter((c) => !c.startsWith('get'))).toEqual(['undeploy', 'delete']);

    const busy = new MlHttpError({ status: 503, method: 'GET', path: '/m1', body: {} });
    let reads = 0;
    const silent = scripted(['REGISTERING']);
    const client: ModelReleaseClient = {
      ...silent.client,
      getModel: (id, o) => (reads++ === 0 ? silent.client.getModel(id, o) : Promise.reject(busy)),
    };
    await releaseModel(client, 'm1', { ...options, settleTimeoutMs: 1_000 });
    expect(silent.deleted()).toBe(true);
  });

  it('sends a delete refused with 429 again on its clock, naming the model when it gives up', async () => {
    const clock = instantClock();
    const m = scripted(['REGISTERED']);
    const breaker = new MlHttpError({ status: 429, method: 'DELETE', path: '/m1', body: { error: 'busy' } });
    const client: ModelReleaseClient = { ...m.client, deleteModel: () => Promise.reject(breaker) };
    await expect(releaseModel(client, 'm1', { undeployTimeoutMs: 10_000, clock })).rejects.toThrow(
      /^gave up releasing model m1: /,
    );
    expect(clock.now()).toBe(1750);
  });
});
