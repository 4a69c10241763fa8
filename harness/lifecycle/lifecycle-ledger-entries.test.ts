import { beforeEach, describe, expect, it } from 'vitest';
import { MlHttpError } from '../ml/errors.ts';
import { jumpingClock } from '../ml/testing/jumping-clock.ts';
import {
  deploymentEntry,
  modelEntry,
  modelGroupEntry,
  pendingRegistrationEntry,
  type EntryContext,
} from './lifecycle-ledger-entries.ts';
import { FakeMl } from './testing/fake-ml.ts';

const register = { version: '1', model_format: 'ONNX', url: 'http://127.0.0.1:1/m.zip' } as const;

let ml: FakeMl;
let clock: ReturnType<typeof jumpingClock>;
let context: EntryContext;

beforeEach(() => {
  ml = new FakeMl();
  clock = jumpingClock();
  context = { client: ml.client, clock, undeployMs: 600_000 };
});

/** A registered model, deployed when asked, in its own auto-created group unless `groupId` is given. */
async function model(name: string, options: { deployed?: boolean; groupId?: string } = {}) {
  const { task_id: taskId } = await ml.client.registerModel({
    ...register,
    name,
    ...(options.groupId === undefined ? {} : { model_group_id: options.groupId }),
  });
  const modelId = [...ml.models.keys()].at(-1) ?? '';
  if (options.deployed === true) {
    await ml.client.deployModel(modelId);
  }
  return { modelId, taskId, groupId: ml.models.get(modelId)?.groupId ?? '' };
}

const refused = (status: number) =>
  new MlHttpError({ status, method: 'DELETE', path: '/_plugins/_ml/model_groups/g', body: { error: 'refused' } });

describe('lifecycle ledger entries', () => {
  it('describe what they release', () => {
    expect(modelGroupEntry(context, 'g1', 'omlc-x-group')).toMatchObject({
      kind: 'model-group',
      id: 'g1',
      label: 'omlc-x-group',
    });
    expect(deploymentEntry(context, 'm1')).toMatchObject({ kind: 'deployment', id: 'm1', label: 'deployment of m1' });
    expect(modelEntry(context, 'm1', 'omlc-x-model', false)).toMatchObject({
      kind: 'model',
      id: 'm1',
      label: 'omlc-x-model',
    });
    const pending = pendingRegistrationEntry(context, {
      name: 'omlc-x-model',
      taskId: () => undefined,
      autoGroup: false,
      budgetMs: 1000,
    });
    expect(pending).toMatchObject({ kind: 'model', id: 'pending:omlc-x-model', label: 'omlc-x-model' });
  });

  it('delete a group again after a 429, naming it when they give up', async () => {
    const { model_group_id: groupId } = await ml.client.registerModelGroup({ name: 'omlc-x-group' });
    let refusals = 1;
    const deleteGroup = ml.client.deleteModelGroup.bind(ml.client);
    ml.client.deleteModelGroup = (id, options) =>
      refusals-- > 0 ? Promise.reject(refused(429)) : deleteGroup(id, options);
    await modelGroupEntry(context, groupId, 'omlc-x-group').release();
    expect(ml.groups.size).toBe(0);
    expect(clock.slept).toEqual([250]);

    refusals = 10;
    await expect(modelGroupEntry(context, 'g9', 'omlc-y-group').release()).rejects.toThrow(
      /^gave up releasing model group g9 \(omlc-y-group\): /,
    );
  });

  it('undeploy a deployment and leave the model registered', async () => {
    const { modelId } = await model('omlc-x-model', { deployed: true });
    await deploymentEntry(context, modelId).release();
    expect(ml.models.get(modelId)?.state).toBe('UNDEPLOYED');
  });

  it("remove a model and the group ML Commons made for it, after the model's own clean-up", async () => {
    const { modelId, groupId } = await model('omlc-x-model', { deployed: true });
    const order: string[] = [];
    await modelEntry(context, modelId, 'omlc-x-model', true, () => {
      order.push(`after release, model ${ml.models.has(modelId) ? 'still there' : 'gone'}`);
      return Promise.resolve();
    }).release();
    expect(order).toEqual(['after release, model gone']);
    expect(ml.calls.slice(-1)).toEqual([`deleteModelGroup ${groupId}`]);
    expect(ml.empty).toBe(true);
  });

  it('keep a group the model was registered into', async () => {
    const { model_group_id: groupId } = await ml.client.registerModelGroup({ name: 'omlc-x-group' });
    const { modelId } = await model('omlc-x-model', { groupId });
    await modelEntry(context, modelId, 'omlc-x-model', false).release();
    expect(ml.models.size).toBe(0);
    expect(ml.groups.has(groupId)).toBe(true);
  });

  it('count a made-for-the-model group already gone as removed, and fail on any other refusal', async () => {
    const first = await model('omlc-x-model');
    ml.client.deleteModelGroup = () => Promise.reject(refused(404));
    await expect(modelEntry(context, first.modelId, 'omlc-x-model', true).release()).resolves.toBeUndefined();

    const second = await model('omlc-y-model');
    ml.client.deleteModelGroup = () => Promise.reject(refused(409));
    await expect(modelEntry(context, second.modelId, 'omlc-y-model', true).release()).rejects.toThrow(MlHttpError);
  });

  it('shorten the waits of a hurried release and still remove the model', async () => {
    ml.behaviour = { undeployLag: 1_000_000 };
    const { modelId } = await model('omlc-x-model', { deployed: true });
    const hurry = new AbortController();
    hurry.abort();
    await expect(modelEntry(context, modelId, 'omlc-x-model', false).release({ hurry: hurry.signal })).rejects.toThrow(
      /UNDEPLOYED/,
    );
    expect(clock.now()).toBeLessThan(60_000);

    const { modelId: other } = await model('omlc-y-model', { deployed: true });
    ml.behaviour = { undeployLag: 1_000_000 };
    await expect(deploymentEntry(context, other).release({ hurry: hurry.signal })).rejects.toThrow(/UNDEPLOYED/);
    expect(clock.now()).toBeLessThan(120_000);
  });

  it("ask a pending registration's task id at release time", async () => {
    const answered: { taskId?: string } = {};
    const entry = pendingRegistrationEntry(context, {
      name: 'omlc-x-model',
      taskId: () => answered.taskId,
      autoGroup: true,
      budgetMs: 5000,
    });
    const made = await model('omlc-x-model');
    // The search by name finds nothing yet: only the task can tell.
    ml.client.searchModels = () => Promise.resolve({ total: 0, hits: [] });
    answered.taskId = made.taskId;
    await entry.release();
    expect(ml.empty).toBe(true);
    expect(clock.slept).not.toContain(1200);
  });

  it('name the model and its made-for group when a 429 outlasts their retries', async () => {
    const first = await model('omlc-x-model');
    ml.client.deleteModelGroup = () => Promise.reject(refused(429));
    await expect(modelEntry(context, first.modelId, 'omlc-x-model', true).release()).rejects.toThrow(
      `gave up releasing model group ${first.groupId} (made for model omlc-x-model): `,
    );
    const second = await model('omlc-y-model');
    ml.client.getModel = () => Promise.reject(refused(429));
    await expect(modelEntry(context, second.modelId, 'omlc-y-model', true).release()).rejects.toThrow(
      `gave up releasing model ${second.modelId}: `,
    );
  });

  it('shorten the task wait of a hurried pending registration', async () => {
    ml.tasks.set('t-slow', [{ state: 'RUNNING' }]);
    const entry = pendingRegistrationEntry(context, {
      name: 'omlc-x-model',
      taskId: () => 't-slow',
      autoGroup: false,
      budgetMs: 600_000,
    });
    const hurry = new AbortController();
    hurry.abort();
    await entry.release({ hurry: hurry.signal }).catch(() => undefined);
    expect(clock.now()).toBeLessThan(60_000);
  });
});
