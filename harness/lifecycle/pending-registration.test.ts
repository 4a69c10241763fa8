/**
 * Releasing a registration interrupted before the harness learned its model id, over the in-memory ML Commons: what
 * the task names, what a search by name finds (after the index refresh), and the group ML Commons made for it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MlHttpError } from '../ml/errors.ts';
import { jumpingClock } from '../ml/testing/jumping-clock.ts';
import { ModelStateTimeoutError } from '../ml/wait-errors.ts';
import type { Task } from '../ml/schemas.ts';
import { releasePendingRegistration, type PendingRegistration } from './pending-registration.ts';
import { AlreadyGone } from './resource-ledger.ts';
import { FakeMl } from './testing/fake-ml.ts';

const NAME = 'omlc-r20261123t040512-3fa9-minilm-model';

function httpError(status: number): MlHttpError {
  const body = { error: { type: 'exception', reason: status === 404 ? 'not found' : 'Fail to search model version' } };
  return new MlHttpError({ status, method: 'POST', path: '/_plugins/_ml/models/_search', body });
}

let ml: FakeMl;
let clock: ReturnType<typeof jumpingClock>;

beforeEach(() => {
  ml = new FakeMl();
  clock = jumpingClock();
});

function pending(overrides: Partial<PendingRegistration> = {}): PendingRegistration {
  return { name: NAME, taskId: undefined, autoGroup: false, budgetMs: 5000, clock, ...overrides };
}

/** A registered model named NAME in a group of its own; returns both ids. */
async function registered(): Promise<{ modelId: string; groupId: string; taskId: string }> {
  const { task_id: taskId } = await ml.client.registerModel({
    name: NAME,
    version: '1',
    model_format: 'ONNX',
    url: 'http://127.0.0.1:1/m.zip',
  });
  const [modelId, model] = [...ml.models.entries()][0] ?? [];
  if (modelId === undefined || model === undefined) {
    throw new Error('the fake made no model');
  }
  return { modelId, groupId: model.groupId, taskId };
}

/** Searches answer from `answers` in turn (an error is thrown), then from the fake. */
function searchesAnswer(...answers: (MlHttpError | 'empty')[]): void {
  const search = ml.client.searchModels.bind(ml.client);
  ml.client.searchModels = (request, options) => {
    const next = answers.shift();
    if (next === undefined) {
      return search(request, options);
    }
    ml.calls.push('searchModels');
    return next === 'empty' ? Promise.resolve({ total: 0, hits: [] }) : Promise.reject(next);
  };
}

describe('releasePendingRegistration', () => {
  it('looks again after the index refresh when a request without a task found nothing at first', async () => {
    const { modelId } = await registered();
    searchesAnswer('empty');
    await releasePendingRegistration(ml.client, pending());
    expect(clock.slept).toEqual([1200]);
    expect(ml.calls).toContain(`deleteModel ${modelId}`);
    expect(ml.models.size).toBe(0);
  });

  it('counts a request that created nothing as already gone, after looking twice', async () => {
    const error = await releasePendingRegistration(ml.client, pending()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlreadyGone);
    expect((error as Error).message).toBe(`no model named ${NAME}: the register request created nothing`);
    expect(ml.calls.filter((c) => c === 'searchModels')).toHaveLength(2);
    expect(clock.slept).toEqual([1200]);
  });

  it('does not wait for the refresh when the task answered: it already said what it made', async () => {
    ml.tasks.set('t-empty', [{ state: 'COMPLETED' }]);
    await expect(releasePendingRegistration(ml.client, pending({ taskId: 't-empty' }))).rejects.toThrow(AlreadyGone);
    expect(ml.calls.filter((c) => c === 'searchModels')).toHaveLength(1);
    expect(clock.slept).toEqual([]);
  });

  it('removes the model the task names even when no search finds it', async () => {
    const { modelId, taskId } = await registered();
    searchesAnswer('empty');
    await releasePendingRegistration(ml.client, pending({ taskId }));
    expect(ml.calls).toContain(`deleteModel ${modelId}`);
    expect(clock.slept).not.toContain(1200);
  });

  it.for([
    ['FAILED', 'its failed task'],
    ['RUNNING', 'the last task seen at its deadline'],
  ] as const)('removes the model named by %s (%s)', async ([state]) => {
    const { modelId } = await registered();
    searchesAnswer('empty');
    const task: Task = { state, error: 'model content changed', model_id: modelId };
    ml.tasks.set('t-x', [task]);
    await releasePendingRegistration(ml.client, pending({ taskId: 't-x', budgetMs: 1000 }));
    expect(ml.calls).toContain(`deleteModel ${modelId}`);
  });

  it('falls back to the name when the task is gone (404), and fails on any other task error', async () => {
    const { modelId } = await registered();
    await releasePendingRegistration(ml.client, pending({ taskId: 'no-such-task' }));
    expect(ml.calls).toContain(`deleteModel ${modelId}`);

    ml.client.getTask = () => Promise.reject(httpError(403));
    await expect(releasePendingRegistration(ml.client, pending({ taskId: 't' }))).rejects.toThrow(MlHttpError);
  });

  it('rides out a new index answering 500 for up to 10 s, then gives up; other errors fail at once', async () => {
    const { modelId } = await registered();
    searchesAnswer(httpError(500), httpError(503));
    await releasePendingRegistration(ml.client, pending());
    expect(clock.slept).toEqual([500, 500]);
    expect(ml.calls).toContain(`deleteModel ${modelId}`);

    clock = jumpingClock();
    searchesAnswer(...Array.from({ length: 30 }, () => httpError(500)));
    await expect(releasePendingRegistration(ml.client, pending())).rejects.toThrow(/Fail to search model version/);
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBe(10_000);

    clock = jumpingClock();
    searchesAnswer(httpError(400));
    await expect(releasePendingRegistration(ml.client, pending())).rejects.toThrow(MlHttpError);
    expect(clock.slept).toEqual([]);
  });

  it('skips chunk documents the name search returns', async () => {
    ml.client.searchModels = () =>
      Promise.resolve({ total: 1, hits: [{ id: 'm1_0', source: { name: NAME, chunk_number: 0 } }] });
    await expect(releasePendingRegistration(ml.client, pending({ taskId: 'no-such-task' }))).rejects.toThrow(
      AlreadyGone,
    );
    expect(ml.calls).not.toContain('getModel m1_0');
  });

  it('deletes the group ML Commons made for a model registered without one, and only then', async () => {
    const first = await registered();
    await releasePendingRegistration(ml.client, pending({ autoGroup: true }));
    expect(ml.calls.slice(-2)).toEqual([`deleteModel ${first.modelId}`, `deleteModelGroup ${first.groupId}`]);
    expect(ml.empty).toBe(true);

    const second = await registered();
    await releasePendingRegistration(ml.client, pending({ autoGroup: false }));
    expect(ml.calls).not.toContain(`deleteModelGroup ${second.groupId}`);
    expect(ml.groups.has(second.groupId)).toBe(true);
  });

  it('counts a model or group deleted behind its back as removed', async () => {
    const { modelId, groupId } = await registered();
    const getModel = ml.client.getModel.bind(ml.client);
    let gets = 0;
    ml.client.getModel = (id, options) => {
      gets += 1;
      // The group lookup sees the model; by the release it is gone, and so is its group.
      if (gets === 2) {
        ml.models.delete(modelId);
        ml.groups.delete(groupId);
      }
      return getModel(id, options);
    };
    await releasePendingRegistration(ml.client, pending({ autoGroup: true }));
    expect(ml.calls).toContain(`deleteModelGroup ${groupId}`);
    expect(ml.empty).toBe(true);
  });

  it('fails on a group delete refused for another reason than 404', async () => {
    const { groupId } = await registered();
    ml.client.deleteModelGroup = () => Promise.reject(httpError(409));
    await expect(releasePendingRegistration(ml.client, pending({ autoGroup: true }))).rejects.toThrow(MlHttpError);
    expect(ml.groups.has(groupId)).toBe(true);
  });

  it('treats a model gone before the group lookup as having no group to delete', async () => {
    const { modelId } = await registered();
    ml.client.getModel = (id) =>
      Promise.reject(new MlHttpError({ status: 404, method: 'GET', path: `/m/${id}`, body: { error: 'gone' } }));
    await releasePendingRegistration(ml.client, pending({ autoGroup: true }));
    expect(ml.calls).not.toContain(`deleteModel ${modelId}`);
    expect(ml.calls.some((c) => c.startsWith('deleteModelGroup'))).toBe(false);
  });

  it('asks for no task when the request never answered', async () => {
    await registered();
    const getTask = vi.spyOn(ml.client, 'getTask');
    await releasePendingRegistration(ml.client, pending());
    expect(getTask).not.toHaveBeenCalled();
  });

  it('searches the exact name, leaving chunk documents out', async () => {
    const search = vi.spyOn(ml.client, 'searchModels');
    await releasePendingRegistration(ml.client, pending()).catch(() => undefined);
    expect(search).toHaveBeenCalledWith({
      size: 20,
      query: {
        bool: { filter: [{ term: { 'name.keyword': NAME } }], must_not: [{ exists: { field: 'chunk_number' } }] },
      },
    });
  });

  it("waits for the task on the registration's clock, within its budget", async () => {
    await registered();
    ml.tasks.set('t-slow', [{ state: 'RUNNING' }]);
    await releasePendingRegistration(ml.client, pending({ taskId: 't-slow', budgetMs: 1000 }));
    expect(clock.now()).toBeGreaterThanOrEqual(1000);
    expect(clock.now()).toBeLessThan(2000);
  });

  it('falls back to the name when no poll of the task answered', async () => {
    const { modelId } = await registered();
    ml.client.getTask = () => Promise.reject(httpError(503));
    await releasePendingRegistration(ml.client, pending({ taskId: 't', budgetMs: 1000 }));
    expect(ml.calls).toContain(`deleteModel ${modelId}`);
  });

  it("gives the removal's undeploy wait the registration's budget and clock", async () => {
    ml.behaviour = { undeployLag: 1_000_000 };
    const { modelId } = await registered();
    await ml.client.deployModel(modelId);
    const error = await releasePendingRegistration(ml.client, pending({ budgetMs: 3000 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelStateTimeoutError);
    expect((error as ModelStateTimeoutError).timeoutMs).toBe(3000);
  });

  it('shortens the waits of a hurried release: the task and the undeploy', async () => {
    const hurry = new AbortController();
    hurry.abort();
    ml.tasks.set('t-slow', [{ state: 'RUNNING' }]);
    await releasePendingRegistration(
      ml.client,
      pending({ taskId: 't-slow', budgetMs: 600_000, hurry: hurry.signal }),
    ).catch(() => undefined);
    expect(clock.now()).toBeLessThan(60_000);

    clock = jumpingClock();
    ml.behaviour = { undeployLag: 1_000_000 };
    const { modelId } = await registered();
    await ml.client.deployModel(modelId);
    await expect(
      releasePendingRegistration(ml.client, pending({ budgetMs: 600_000, hurry: hurry.signal })),
    ).rejects.toThrow(ModelStateTimeoutError);
    expect(clock.now()).toBeLessThan(60_000);
  });

  it('fails when the model cannot be removed for another reason than 404', async () => {
    await registered();
    ml.client.deleteModel = () => Promise.reject(httpError(409));
    await expect(releasePendingRegistration(ml.client, pending())).rejects.toMatchObject({ status: 409 });
  });

  it('fails when the group lookup is refused for another reason than 404', async () => {
    await registered();
    const getModel = ml.client.getModel.bind(ml.client);
    let lookups = 0;
    // Only the group lookup is refused: the removal after it would go through.
    ml.client.getModel = (id, options) => (lookups++ === 0 ? Promise.reject(httpError(403)) : getModel(id, options));
    await expect(releasePendingRegistration(ml.client, pending({ autoGroup: true }))).rejects.toMatchObject({
      status: 403,
    });
    expect(ml.models.size).toBe(1);
  });

  it("resends each request after a 429 on the registration's clock, naming what it gave up on", async () => {
    const { groupId } = await registered();
    let refusals = 1;
    const deleteGroup = ml.client.deleteModelGroup.bind(ml.client);
    ml.client.deleteModelGroup = (id, options) =>
      refusals-- > 0 ? Promise.reject(httpError(429)) : deleteGroup(id, options);
    await releasePendingRegistration(ml.client, pending({ autoGroup: true }));
    expect(clock.slept).toContain(250);
    expect(ml.groups.has(groupId)).toBe(false);

    const second = await registered();
    ml.client.deleteModelGroup = () => Promise.reject(httpError(429));
    await expect(releasePendingRegistration(ml.client, pending({ autoGroup: true }))).rejects.toThrow(
      `gave up releasing model group ${second.groupId} (made for model ${NAME})`,
    );

    const third = await registered();
    ml.client.getModel = () => Promise.reject(httpError(429));
    await expect(releasePendingRegistration(ml.client, pending({ autoGroup: true }))).rejects.toThrow(
      `gave up releasing model ${third.modelId}:`,
    );

    ml.client.searchModels = () => Promise.reject(httpError(429));
    await expect(releasePendingRegistration(ml.client, pending())).rejects.toThrow(
      `gave up releasing models named ${NAME}:`,
    );
  });
});
