import { describe, expect, it } from 'vitest';
import type { ProfileId } from '../profiles/index.ts';
import { createSimulator } from '../simulator.ts';
import { testClient } from '../test-support/client.ts';
import { createFakeBackend } from '../test-support/fake-backend.ts';
import { at, str } from '../test-support/json.ts';
import { allowDevRegistration, deployedModel, registerAndWait } from '../test-support/lifecycle.ts';
import { useMswServer } from '../test-support/msw.ts';
import { modelZip } from '../test-support/zips.ts';

const BASE = 'http://127.0.0.1:9200';
const URL = 'http://127.0.0.1:1/model.zip';
const msw = useMswServer();

function setup(profile: ProfileId = '3.x') {
  const zip = modelZip('ONNX');
  const sim = createSimulator({
    profile,
    baseUrl: BASE,
    inference: createFakeBackend(),
    fetchArtifact: () => Promise.resolve(zip),
  });
  msw.install(sim);
  return { sim, client: testClient(BASE), zip };
}

const errorOf = (response: { status: number; body: unknown }) => ({
  status: response.status,
  type: at(response.body, 'error', 'type'),
  reason: at(response.body, 'error', 'reason'),
});

describe('model and group errors (§4)', () => {
  it('delete of a deployed model is a 400; after undeploy it works; a second delete is a 404', async () => {
    const { client, zip } = setup();
    await allowDevRegistration(client);
    const modelId = await deployedModel(client, { url: URL, zip });
    expect(errorOf(await client.del(`/_plugins/_ml/models/${modelId}`))).toEqual({
      status: 400,
      type: 'status_exception',
      reason: 'Model cannot be deleted in deploying or deployed state. Try undeploy model first then delete',
    });
    await client.post(`/_plugins/_ml/models/${modelId}/_undeploy`);
    expect((await client.del(`/_plugins/_ml/models/${modelId}`)).status).toBe(200);
    expect(errorOf(await client.del(`/_plugins/_ml/models/${modelId}`))).toEqual({
      status: 404,
      type: 'status_exception',
      reason: 'Failed to find model',
    });
  });

  it.for([
    ['2.11-2.13', 500, 'm_l_validation_exception'],
    ['2.14-2.18', 500, 'm_l_validation_exception'],
    ['2.19', 409, 'status_exception'],
    ['3.x', 409, 'status_exception'],
  ] as const)('%s: deleting a group that still has models answers %d', async ([profile, status, type]) => {
    const { client, zip } = setup(profile);
    await allowDevRegistration(client);
    const groupId = str(
      (await client.post('/_plugins/_ml/model_groups/_register', { name: 'g' })).body,
      'model_group_id',
    );
    await registerAndWait(client, { url: URL, zip, groupId });
    expect(errorOf(await client.del(`/_plugins/_ml/model_groups/${groupId}`))).toEqual({
      status,
      type,
      reason: 'Cannot delete the model group when it has associated model versions',
    });
  });

  it('GET of an unknown model: "Fail to find model" until the model index exists, then the id-naming text', async () => {
    const { client, zip } = setup('2.19');
    // Recorded on 2.19.6 and 3.6.0 (model:get-unknown, the first request to a fresh cluster).
    expect(errorOf(await client.get('/_plugins/_ml/models/nope'))).toEqual({
      status: 404,
      type: 'status_exception',
      reason: 'Fail to find model',
    });
    await allowDevRegistration(client);
    const modelId = str(await registerAndWait(client, { url: URL, zip }), 'model_id');
    expect((await client.del(`/_plugins/_ml/models/${modelId}`)).status).toBe(200);
    // The index outlives its last document (onnx-sym:get-deleted).
    expect(errorOf(await client.get(`/_plugins/_ml/models/${modelId}`))).toEqual({
      status: 404,
      type: 'status_exception',
      reason: `Failed to find model with the provided model id: ${modelId}`,
    });
  });

  // Recorded (group:delete-unknown-no-index): without a group index 3.6.0 answers 404, 2.19.6 a 500 index_not_found.
  it.for([
    [
      '2.19',
      {
        status: 500,
        type: 'status_exception',
        reason: 'Failed to delete data object from index .plugins-ml-model-group',
      },
    ],
    ['3.x', { status: 404, type: 'status_exception', reason: 'Failed to find model group' }],
  ] as const)(
    '%s: deleting an unknown group id without group index, then 200 "not_found"',
    async ([profile, withoutIndex]) => {
      const { client } = setup(profile);
      expect(errorOf(await client.del('/_plugins/_ml/model_groups/nope'))).toEqual(withoutIndex);
      await client.post('/_plugins/_ml/model_groups/_register', { name: 'g' });
      const deleted = await client.del('/_plugins/_ml/model_groups/nope');
      // Recorded on 2.19.6 and 3.6.0 (group:delete-unknown): the index's answer, passed through.
      expect(deleted).toEqual({
        status: 200,
        body: {
          _index: '.plugins-ml-model-group',
          _id: 'nope',
          _version: 1,
          result: 'not_found',
          forced_refresh: true,
          _shards: { total: 1, successful: 1, failed: 0 },
          _seq_no: 1,
          _primary_term: 1,
        },
      });
    },
  );

  it.for(['2.11-2.13', '2.14-2.18'] as const)(
    '%s (unrecorded): deleting an unknown group id stays a 404 with the group index present',
    async (profile) => {
      const { client } = setup(profile);
      await client.post('/_plugins/_ml/model_groups/_register', { name: 'g' });
      expect(errorOf(await client.del('/_plugins/_ml/model_groups/nope'))).toEqual({
        status: 404,
        type: 'status_exception',
        reason: 'Failed to find model group',
      });
    },
  );

  it('unknown group, task and model ids are 404s with ML Commons texts', async () => {
    const { sim, client } = setup();
    expect(errorOf(await client.del('/_plugins/_ml/model_groups/nope'))).toMatchObject({
      status: 404,
      reason: 'Failed to find model group',
    });
    expect(errorOf(await client.get('/_plugins/_ml/model_groups/nope'))).toMatchObject({ status: 404 });
    expect(errorOf(await client.get('/_plugins/_ml/tasks/nope'))).toMatchObject({
      status: 404,
      reason: 'Failed to find task',
    });
    expect(errorOf(await client.post('/_plugins/_ml/models/nope/_deploy'))).toMatchObject({ status: 404 });
    expect((await client.post('/_plugins/_ml/models/nope/_undeploy')).body).toEqual({
      [sim.node.id]: { stats: { nope: 'not_found' } },
    });
  });

  it('a duplicate group name is a 400 naming the existing group; access parameters are refused', async () => {
    const { client } = setup();
    const first = str(
      (await client.post('/_plugins/_ml/model_groups/_register', { name: 'dup' })).body,
      'model_group_id',
    );
    expect(errorOf(await client.post('/_plugins/_ml/model_groups/_register', { name: 'dup' }))).toEqual({
      status: 400,
      type: 'illegal_argument_exception',
      reason: `The name you provided is already being used by a model group with ID: ${first}.`,
    });
    expect(
      errorOf(await client.post('/_plugins/_ml/model_groups/_register', { name: 'x', access_mode: 'private' })),
    ).toMatchObject({
      status: 400,
      reason: expect.stringMatching(/^You cannot specify model access control parameters/) as string,
    });
  });

  it('GET of a group shows the public doc with latest_version', async () => {
    const { client, zip } = setup();
    await allowDevRegistration(client);
    const groupId = str(
      (await client.post('/_plugins/_ml/model_groups/_register', { name: 'shown', description: 'about' })).body,
      'model_group_id',
    );
    await registerAndWait(client, { url: URL, zip, groupId });
    expect((await client.get(`/_plugins/_ml/model_groups/${groupId}`)).body).toEqual({
      name: 'shown',
      description: 'about',
      latest_version: 1,
      access: 'public',
      created_time: expect.any(Number) as number,
      last_updated_time: expect.any(Number) as number,
    });
  });

  it('never-deployed models undeploy as not_found and keep their state', async () => {
    const { sim, client, zip } = setup();
    await allowDevRegistration(client);
    const modelId = str(await registerAndWait(client, { url: URL, zip }), 'model_id');
    expect((await client.post(`/_plugins/_ml/models/${modelId}/_undeploy`)).body).toEqual({
      [sim.node.id]: { stats: { [modelId]: 'not_found' } },
    });
    expect(sim.state.models.get(modelId)?.doc.model_state).toBe('REGISTERED');
  });

  it('an invalid JSON body is a 400 parse error', async () => {
    const { client } = setup();
    const response = await fetch(`${BASE}/_plugins/_ml/model_groups/_register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(response.status).toBe(400);
    expect(at(await response.json(), 'error', 'type')).toBe('parse_exception');
    expect((await client.get('/_plugins/_ml/model_groups/_search')).status).toBe(200);
  });
});
