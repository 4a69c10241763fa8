import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../artifact/sha256.ts';
import type { Delays } from '../context.ts';
import { createSimulator, type Simulator } from '../simulator.ts';
import { testClient, type JsonResponse, type TestClient } from '../test-support/client.ts';
import { createFakeBackend } from '../test-support/fake-backend.ts';
import { at, str } from '../test-support/json.ts';
import { SYMMETRIC_CONFIG, waitForTask } from '../test-support/lifecycle.ts';
import { useMswServer } from '../test-support/msw.ts';
import { modelZip } from '../test-support/zips.ts';

const BASE = 'http://127.0.0.1:9200';
const ML = '/_plugins/_ml';
const msw = useMswServer();
const ZIP = modelZip('ONNX', 'upload-test-model-with-a-longer-name');

interface Setup {
  readonly sim: Simulator;
  readonly client: TestClient;
  readonly groupId: string;
}

async function setup(options: { localFile?: boolean; delays?: Partial<Delays> } = {}): Promise<Setup> {
  const sim = createSimulator({
    profile: '3.x',
    baseUrl: BASE,
    inference: createFakeBackend(),
    ...(options.delays === undefined ? {} : { delays: options.delays }),
    nodeSettings: {
      'plugins.ml_commons.only_run_on_ml_node': false,
      'plugins.ml_commons.allow_registering_model_via_local_file': options.localFile ?? true,
    },
  });
  msw.install(sim);
  const client = testClient(BASE);
  const group = await client.post(`${ML}/model_groups/_register`, { name: 'upload-group' });
  return { sim, client, groupId: str(group.body, 'model_group_id') };
}

function metaBody(groupId: string | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'uploaded',
    version: '9.9.9',
    description: 'an uploaded model',
    model_format: 'ONNX',
    model_content_hash_value: sha256Hex(ZIP),
    model_content_size_in_bytes: ZIP.byteLength,
    total_chunks: 3,
    model_config: SYMMETRIC_CONFIG,
    ...(groupId === undefined ? {} : { model_group_id: groupId }),
    ...extra,
  };
}

async function postBytes(
  path: string,
  bytes: Uint8Array,
  contentType: string | null = 'application/json',
): Promise<JsonResponse> {
  const response = await fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: contentType === null ? {} : { 'content-type': contentType },
    body: bytes,
  });
  return { status: response.status, body: await response.json() };
}

const chunk = (modelId: string, n: number | string, bytes: Uint8Array, type?: string | null): Promise<JsonResponse> =>
  postBytes(`${ML}/models/${modelId}/upload_chunk/${n}`, bytes, type);

function split(bytes: Uint8Array, parts: number): Uint8Array[] {
  const size = Math.ceil(bytes.byteLength / parts);
  return Array.from({ length: parts }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
}

async function meta(s: Setup, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await s.client.post(`${ML}/models/_register_meta`, metaBody(s.groupId, extra));
  expect(response.status).toBe(200);
  return str(response.body, 'model_id');
}

async function deploy(s: Setup, modelId: string): Promise<unknown> {
  const response = await s.client.post(`${ML}/models/${modelId}/_deploy`);
  expect(response.status).toBe(200);
  return waitForTask(s.client, str(response.body, 'task_id'));
}

async function chunkIds(s: Setup, modelId: string): Promise<string[]> {
  const search = await s.client.post(`${ML}/models/_search`, { query: { term: { model_id: modelId } } });
  return (at(search.body, 'hits', 'hits') as { _id: string }[]).map((hit) => hit._id);
}

const reason = (response: JsonResponse): unknown => at(response.body, 'error', 'reason');

describe('chunked upload on the simulator', () => {
  it('refuses both endpoints while allow_registering_model_via_local_file is off (its default)', async () => {
    const s = await setup({ localFile: false });
    const refused = await s.client.post(`${ML}/models/_register_meta`, metaBody(s.groupId));
    expect(refused.status).toBe(400);
    expect(reason(refused)).toBe(
      'To upload custom model from local file, user needs to enable allow_registering_model_via_local_file settings. Otherwise please use opensearch pre-trained models',
    );
    const chunkRefused = await chunk('anything', 0, ZIP);
    expect(chunkRefused.status).toBe(400);
    expect(reason(chunkRefused)).toMatch(/allow_registering_model_via_local_file settings\. .*models\.$/);
    expect((await s.client.get(`${ML}/model_groups/${s.groupId}`)).body).toMatchObject({ latest_version: 0 });
  });

  it('meta → REGISTERING; the last chunk → REGISTERED; deploy, predict, delete removes every chunk', async () => {
    // The REGISTERED rewrite and the chunks' refresh come this long after the answers, so the states in between are
    // seen on a loaded machine too (with 10 and 50 ms a busy CI machine once saw the later state).
    const s = await setup({ delays: { taskStepMs: 300, refreshMs: 300 } });
    const modelId = await meta(s);
    const registering = await s.client.get(`${ML}/models/${modelId}`);
    expect(registering.body).toMatchObject({
      model_state: 'REGISTERING',
      model_version: '1',
      description: 'an uploaded model',
      total_chunks: 3,
      model_content_hash_value: sha256Hex(ZIP),
      model_content_size_in_bytes: ZIP.byteLength,
    });
    const parts = split(ZIP, 3);
    for (const [n, part] of parts.entries()) {
      expect((await chunk(modelId, n, part)).body).toEqual({ status: 'Uploaded' });
      // The answer to the last chunk comes before the rewrite as REGISTERED.
      expect(at((await s.client.get(`${ML}/models/${modelId}`)).body, 'model_state')).toBe('REGISTERING');
    }
    await s.sim.settle();
    expect(at((await s.client.get(`${ML}/models/${modelId}`)).body, 'model_state')).toBe('REGISTERED');
    const registered = (await s.client.get(`${ML}/models/${modelId}`)).body as Record<string, unknown>;
    expect(registered).not.toHaveProperty('description');
    expect(registered).not.toHaveProperty('last_updated_time');
    // The rewrite keeps what the meta request declared about the content.
    expect(registered).toMatchObject({
      model_content_size_in_bytes: ZIP.byteLength,
      model_content_hash_value: sha256Hex(ZIP),
      total_chunks: 3,
    });
    expect(await chunkIds(s, modelId)).toEqual(['_0', '_1', '_2'].map((n) => `${modelId}${n}`));

    expect(await deploy(s, modelId)).toMatchObject({ state: 'COMPLETED' });
    const predicted = await s.client.post(`${ML}/_predict/text_embedding/${modelId}`, { text_docs: ['hello'] });
    expect(predicted.status).toBe(200);
    await s.client.post(`${ML}/models/${modelId}/_undeploy`);
    await s.sim.settle();
    expect((await s.client.del(`${ML}/models/${modelId}`)).body).toMatchObject({ result: 'deleted' });
    // The chunks go by a delete-by-query without refresh: searches see them, and they block the group, a while.
    expect(await chunkIds(s, modelId)).toHaveLength(3);
    expect((await s.client.del(`${ML}/model_groups/${s.groupId}`)).status).toBe(409);
    await s.sim.settle();
    expect(await chunkIds(s, modelId)).toEqual([]);
    expect((await s.client.del(`${ML}/model_groups/${s.groupId}`)).status).toBe(200);
  });

  it('fails the deploy with "model content changed" on a wrong hash, keeping model and chunks until deleted', async () => {
    const s = await setup();
    const modelId = await meta(s, { model_content_hash_value: '0'.repeat(64), total_chunks: 1 });
    await chunk(modelId, 0, ZIP);
    await s.sim.settle();
    expect(at((await s.client.get(`${ML}/models/${modelId}`)).body, 'model_state')).toBe('REGISTERED');
    const task = await deploy(s, modelId);
    expect(task).toMatchObject({
      state: 'FAILED',
      error: JSON.stringify({ [s.sim.node.id]: 'model content changed' }),
    });
    expect(at((await s.client.get(`${ML}/models/${modelId}`)).body, 'model_state')).toBe('DEPLOY_FAILED');
    expect(await chunkIds(s, modelId)).toEqual([`${modelId}_0`]);
    await s.client.del(`${ML}/models/${modelId}`);
    await s.sim.settle();
    expect(await chunkIds(s, modelId)).toEqual([]);
  });

  it.for([
    { name: 'a middle chunk missing', send: [0, 2], error: 'Failed to deploy model' },
    { name: 'the first chunk missing', send: [1, 2], error: 'Failed to deploy model' },
    { name: 'nothing uploaded yet', send: [], error: 'Failed to deploy model' },
    { name: 'the last chunk missing', send: [0, 1], error: 'Fail to find model chunk {id}_2' },
  ])('fails the deploy with $name', async ({ send, error }) => {
    const s = await setup();
    const modelId = await meta(s);
    const parts = split(ZIP, 3);
    for (const n of send) {
      await chunk(modelId, n, parts[n] ?? ZIP);
    }
    const task = await deploy(s, modelId);
    expect(task).toMatchObject({
      state: 'FAILED',
      error: JSON.stringify({ [s.sim.node.id]: error.replace('{id}', modelId) }),
    });
  });

  it('answers chunk mistakes like MLModelChunkUploader', async () => {
    const s = await setup();
    const modelId = await meta(s, { total_chunks: 2 });
    const out = await chunk(modelId, 2, ZIP);
    expect([out.status, reason(out)]).toEqual([500, 'Chunk number exceeds total chunks']);
    expect((await chunk(modelId, -1, ZIP)).status).toBe(200);
    const notNumber = await chunk(modelId, 'x', ZIP);
    expect([notNumber.status, reason(notNumber)]).toEqual([400, 'For input string: "x"']);
    const empty = await chunk(modelId, 0, new Uint8Array());
    expect([empty.status, reason(empty)]).toEqual([500, 'Chunk size either 0 or null']);
    const big = await chunk(modelId, 0, new Uint8Array(10_000_001));
    expect([big.status, reason(big)]).toEqual([500, 'Chunk size exceeds 10MB']);
    expect((await chunk(modelId, 0, new Uint8Array(10_000_000))).status).toBe(200);
    const unknown = await chunk('nope', 0, ZIP);
    expect([unknown.status, reason(unknown)]).toEqual([500, 'Failed to find model']);
    const octet = await chunk(modelId, 0, ZIP, 'application/octet-stream');
    expect(octet).toEqual({
      status: 406,
      body: { error: 'Content-Type header [application/octet-stream] is not supported', status: 406 },
    });
    expect((await chunk(modelId, 0, ZIP, null)).status).toBe(400);
  });

  it('validates the meta request in ML Commons’ order', async () => {
    const s = await setup();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ model_content_hash_value: undefined }, 400, 'model content hash value is null'],
      [{ total_chunks: undefined }, 400, 'total chunks field is null'],
      [{ model_config: undefined }, 400, 'model config is null'],
      [{ name: undefined }, 400, 'model name is null'],
      [{ model_format: undefined }, 400, 'model format is null'],
      [{ model_format: 'PYTHON' }, 400, 'Wrong model format'],
      [{ model_group_id: 'nope' }, 500, 'Fail to find model group'],
    ];
    for (const [extra, status, text] of cases) {
      const body = JSON.parse(JSON.stringify(metaBody(s.groupId, extra))) as Record<string, unknown>;
      const response = await s.client.post(`${ML}/models/_register_meta`, body);
      expect([response.status, reason(response)], JSON.stringify(extra)).toEqual([status, text]);
    }
  });

  it('without a group id, creates a group named after the model that outlives the model', async () => {
    const s = await setup();
    const response = await s.client.post(`${ML}/models/_register_meta`, metaBody(undefined, { name: 'lonely' }));
    const modelId = str(response.body, 'model_id');
    const groupId = str((await s.client.get(`${ML}/models/${modelId}`)).body, 'model_group_id');
    expect((await s.client.get(`${ML}/model_groups/${groupId}`)).body).toMatchObject({ name: 'lonely' });
    await s.client.del(`${ML}/models/${modelId}`);
    expect((await s.client.get(`${ML}/model_groups/${groupId}`)).status).toBe(200);
  });

  it('writes only the fields it was given, never hidden, and turns REGISTERED only with the last chunk', async () => {
    const s = await setup();
    const bare = metaBody(s.groupId, { total_chunks: 2 });
    delete bare.description;
    delete bare.model_content_size_in_bytes;
    const response = await s.client.post(`${ML}/models/_register_meta`, bare);
    const modelId = str(response.body, 'model_id');
    const get = async (): Promise<Record<string, unknown>> =>
      (await s.client.get(`${ML}/models/${modelId}`)).body as Record<string, unknown>;
    const written = await get();
    expect(written).toMatchObject({ algorithm: 'TEXT_EMBEDDING', is_hidden: false, model_state: 'REGISTERING' });
    expect(written).not.toHaveProperty('description');
    expect(written).not.toHaveProperty('model_content_size_in_bytes');
    const [first, second] = split(ZIP, 2);
    await chunk(modelId, 0, first ?? ZIP);
    await s.sim.settle();
    expect((await get()).model_state).toBe('REGISTERING');
    await chunk(modelId, 1, second ?? ZIP);
    await s.sim.settle();
    const registered = await get();
    expect(registered).toMatchObject({ model_state: 'REGISTERED', is_hidden: false, total_chunks: 2 });
    expect(registered).not.toHaveProperty('model_content_size_in_bytes');
  });

  it.for([
    [false, 'FAILED'],
    [true, 'COMPLETED'],
  ] as const)(
    'a missing chunk that is not the last fails the deploy, unless misbehaving (ignoreTotalChunks: %s)',
    async ([ignore, state]) => {
      const s = await setup();
      s.sim.faults.misbehave({ ignoreTotalChunks: ignore });
      const modelId = await meta(s, { total_chunks: 2 });
      await chunk(modelId, 1, ZIP);
      await s.sim.settle();
      expect(await deploy(s, modelId)).toMatchObject({ state });
    },
  );

  it('misbehaves on purpose when told to', async () => {
    const s = await setup();
    s.sim.faults.misbehave({ skipUploadHashCheck: true, ignoreTotalChunks: true, keepChunksAfterDelete: true });
    const modelId = await meta(s, { model_content_hash_value: '0'.repeat(64), total_chunks: 1 });
    expect((await chunk(modelId, 5, ZIP)).status).toBe(200);
    await chunk(modelId, 0, ZIP);
    expect(await deploy(s, modelId)).toMatchObject({ state: 'COMPLETED' });
    await s.client.post(`${ML}/models/${modelId}/_undeploy`);
    await s.sim.settle();
    await s.client.del(`${ML}/models/${modelId}`);
    await s.sim.settle();
    expect(await chunkIds(s, modelId)).toEqual([`${modelId}_5`, `${modelId}_0`]);
  });
});
