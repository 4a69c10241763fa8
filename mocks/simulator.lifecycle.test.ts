import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from './artifact/sha256.ts';
import { PROFILE_IDS } from './profiles/index.ts';
import { createSimulator } from './simulator.ts';
import { startTestArtifactServer, type TestArtifactServer } from './test-support/artifact-server.ts';
import { testClient } from './test-support/client.ts';
import { createFakeBackend } from './test-support/fake-backend.ts';
import { at, nums, str } from './test-support/json.ts';
import { allowDevRegistration, registerBody, SYMMETRIC_CONFIG, waitForTask } from './test-support/lifecycle.ts';
import { useMswServer } from './test-support/msw.ts';
import { modelZip } from './test-support/zips.ts';

const BASE = 'http://127.0.0.1:9200';
const msw = useMswServer();
let artifacts: TestArtifactServer;

beforeAll(async () => {
  artifacts = await startTestArtifactServer();
});
afterAll(async () => {
  await artifacts.close();
});

describe.for(PROFILE_IDS)('full lifecycle on profile %s', (profileId) => {
  it('group → register → deploy → predict → undeploy → delete, with real-cluster shapes', async () => {
    const sim = createSimulator({ profile: profileId, baseUrl: BASE, inference: createFakeBackend() });
    msw.install(sim);
    const client = testClient(BASE);
    const zip = modelZip('ONNX', `lifecycle-${profileId}`);
    const url = artifacts.publish(`lifecycle-${profileId}.zip`, zip);

    const info = await client.get('/');
    expect(info.body).toMatchObject({
      name: 'omlc-node',
      version: { distribution: 'opensearch', number: sim.profile.version.number, build_type: 'zip' },
      tagline: 'The OpenSearch Project: https://opensearch.org/',
    });

    await allowDevRegistration(client);
    const group = await client.post('/_plugins/_ml/model_groups/_register', {
      name: `g-${profileId}`,
      description: 'd',
    });
    expect(group.status).toBe(200);
    expect(group.body).toEqual({ model_group_id: expect.stringMatching(/^[\w-]{20}$/) as string, status: 'CREATED' });
    const groupId = str(group.body, 'model_group_id');

    const register = await client.post(
      '/_plugins/_ml/models/_register',
      registerBody({ url, zip, groupId, name: 'm' }),
    );
    expect(register.body).toEqual({ task_id: expect.stringMatching(/^[\w-]{20}$/) as string, status: 'CREATED' });
    const registerTask = await waitForTask(client, str(register.body, 'task_id'));
    expect(registerTask).toEqual({
      model_id: expect.any(String) as string,
      task_type: 'REGISTER_MODEL',
      function_name: 'TEXT_EMBEDDING',
      state: 'COMPLETED',
      worker_node: [sim.node.id],
      create_time: expect.any(Number) as number,
      last_update_time: expect.any(Number) as number,
      is_async: true,
    });
    expect(artifacts.requests).toContain(`/lifecycle-${profileId}.zip`);
    const modelId = str(registerTask, 'model_id');

    const model = await client.get(`/_plugins/_ml/models/${modelId}`);
    expect(model.body).toMatchObject({
      name: 'm',
      model_group_id: groupId,
      algorithm: 'TEXT_EMBEDDING',
      model_version: '1',
      model_format: 'ONNX',
      model_state: 'REGISTERED',
      model_content_size_in_bytes: zip.byteLength,
      model_content_hash_value: sha256Hex(zip),
      model_config: { model_type: 'bert', embedding_dimension: 8, framework_type: 'SENTENCE_TRANSFORMERS' },
      total_chunks: 1,
    });

    const deploy = await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
    expect(deploy.body).toEqual({
      task_id: expect.any(String) as string,
      task_type: 'DEPLOY_MODEL',
      status: 'CREATED',
    });
    const deployTask = await waitForTask(client, str(deploy.body, 'task_id'));
    expect(deployTask).toMatchObject({ task_type: 'DEPLOY_MODEL', state: 'COMPLETED', model_id: modelId });
    expect(at(await client.get(`/_plugins/_ml/models/${modelId}`), 'body', 'model_state')).toBe('DEPLOYED');

    const body = { text_docs: ['a', 'b'], target_response: ['sentence_embedding'] };
    const viaAlgorithm = await client.post(`/_plugins/_ml/_predict/text_embedding/${modelId}`, body);
    const viaModel = await client.post(`/_plugins/_ml/models/${modelId}/_predict`, body);
    expect(viaAlgorithm.status).toBe(200);
    expect(viaModel.body).toEqual(viaAlgorithm.body);
    expect(at(viaAlgorithm.body, 'inference_results')).toHaveLength(2);
    expect(at(viaAlgorithm.body, 'inference_results', 0, 'output', 0)).toMatchObject({
      name: 'sentence_embedding',
      data_type: 'FLOAT32',
      shape: [SYMMETRIC_CONFIG.embedding_dimension],
    });
    expect(nums(viaAlgorithm.body, 'inference_results', 1, 'output', 0, 'data')).toHaveLength(8);

    const profile = await client.get(`/_plugins/_ml/profile/models/${modelId}`);
    expect(at(profile.body, 'nodes', sim.node.id, 'models', modelId, 'worker_nodes')).toEqual([sim.node.id]);

    const undeploy = await client.post(`/_plugins/_ml/models/${modelId}/_undeploy`);
    expect(undeploy.body).toEqual({ [sim.node.id]: { stats: { [modelId]: 'undeployed' } } });
    await sim.settle();
    expect(at(await client.get(`/_plugins/_ml/models/${modelId}`), 'body', 'model_state')).toBe('UNDEPLOYED');
    expect((await client.get(`/_plugins/_ml/profile/models/${modelId}`)).body).toEqual({});

    const deleted = await client.del(`/_plugins/_ml/models/${modelId}`);
    expect(deleted.body).toEqual({
      _index: '.plugins-ml-model',
      _id: modelId,
      _version: 6,
      result: 'deleted',
      forced_refresh: true,
      _shards: { total: 1, successful: 1, failed: 0 },
      _seq_no: 6,
      _primary_term: 1,
    });
    const gone = await client.get(`/_plugins/_ml/models/${modelId}`);
    expect(gone).toEqual({
      status: 404,
      body: {
        error: {
          root_cause: [
            { type: 'status_exception', reason: `Failed to find model with the provided model id: ${modelId}` },
          ],
          type: 'status_exception',
          reason: `Failed to find model with the provided model id: ${modelId}`,
        },
        status: 404,
      },
    });

    const groupDeleted = await client.del(`/_plugins/_ml/model_groups/${groupId}`);
    expect(groupDeleted.body).toMatchObject({
      _index: '.plugins-ml-model-group',
      _id: groupId,
      _version: 3,
      result: 'deleted',
      forced_refresh: true,
    });
  });
});
