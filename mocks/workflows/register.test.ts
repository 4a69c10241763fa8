import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../artifact/sha256.ts';
import type { ProfileId } from '../profiles/index.ts';
import { createSimulator, type SimulatorOptions } from '../simulator.ts';
import { startTestArtifactServer, type TestArtifactServer } from '../test-support/artifact-server.ts';
import { testClient } from '../test-support/client.ts';
import { createFakeBackend } from '../test-support/fake-backend.ts';
import { at, str } from '../test-support/json.ts';
import { allowDevRegistration, registerAndWait, registerBody, waitForTask } from '../test-support/lifecycle.ts';
import { useMswServer } from '../test-support/msw.ts';
import { buildZip, modelZip } from '../test-support/zips.ts';

const BASE = 'http://127.0.0.1:9200';
const msw = useMswServer();
let artifacts: TestArtifactServer;
let counter = 0;

beforeAll(async () => {
  artifacts = await startTestArtifactServer();
});
afterAll(async () => {
  await artifacts.close();
});

/** A simulator of `profile`; it downloads artifacts over HTTP unless `fetchArtifact` says otherwise. */
function setup(profile: ProfileId = '3.x', fetchArtifact?: SimulatorOptions['fetchArtifact']) {
  const sim = createSimulator({
    profile,
    baseUrl: BASE,
    inference: createFakeBackend(),
    ...(fetchArtifact === undefined ? {} : { fetchArtifact }),
  });
  msw.install(sim);
  return { sim, client: testClient(BASE) };
}

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function publish(zip: Uint8Array): string {
  counter += 1;
  return artifacts.publish(`artifact-${counter}.zip`, zip);
}

const reason = (body: unknown): unknown => at(body, 'error', 'reason');

describe('settings gating (synchronous 400s, ML Commons defaults)', () => {
  it('refuses URL registration until allow_registering_model_via_url is true', async () => {
    const { client } = setup();
    const zip = modelZip('ONNX');
    const response = await client.post('/_plugins/_ml/models/_register', registerBody({ url: publish(zip), zip }));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        root_cause: [
          {
            type: 'illegal_argument_exception',
            reason: expect.stringContaining('allow_registering_model_via_url') as string,
          },
        ],
        type: 'illegal_argument_exception',
        reason:
          'To upload custom model user needs to enable allow_registering_model_via_url settings. Otherwise please use OpenSearch pre-trained models.',
      },
      status: 400,
    });
  });

  it('refuses on the data-only node while only_run_on_ml_node is true (register and deploy texts differ)', async () => {
    const { sim, client } = setup();
    sim.settings.set('plugins.ml_commons.allow_registering_model_via_url', true);
    const zip = modelZip('ONNX');
    const response = await client.post('/_plugins/_ml/models/_register', registerBody({ url: publish(zip), zip }));
    expect(response.status).toBe(400);
    expect(reason(response.body)).toMatch(/^No eligible node found to execute this request\. .*only_run_on_ml_node/);

    await client.put('/_cluster/settings', { transient: { plugins: { ml_commons: { only_run_on_ml_node: false } } } });
    const task = await registerAndWait(client, { url: publish(zip), zip });
    await client.put('/_cluster/settings', { transient: { 'plugins.ml_commons.only_run_on_ml_node': null } });
    const deploy = await client.post(`/_plugins/_ml/models/${str(task, 'model_id')}/_deploy`);
    expect(deploy.status).toBe(400);
    expect(reason(deploy.body)).toBe('no eligible node found');
  });

  it('applies trusted_url_regex with Java find() semantics', async () => {
    const { client } = setup();
    await allowDevRegistration(client);
    const zip = modelZip('ONNX');
    const url = publish(zip);
    // Default regex accepts loopback http.
    expect(at(await registerAndWait(client, { url, zip }), 'state')).toBe('COMPLETED');
    // Unanchored: a pattern matching anywhere in the URL is enough.
    await client.put('/_cluster/settings', { persistent: { 'plugins.ml_commons.trusted_url_regex': 'artifact-' } });
    expect(at(await registerAndWait(client, { url, zip }), 'state')).toBe('COMPLETED');
    await client.put('/_cluster/settings', { persistent: { 'plugins.ml_commons.trusted_url_regex': '^https://' } });
    const refused = await client.post('/_plugins/_ml/models/_register', registerBody({ url, zip }));
    expect(refused.status).toBe(400);
    expect(reason(refused.body)).toBe("URL can't match trusted url regex");
    // A pattern that does not compile trusts nothing.
    await client.put('/_cluster/settings', { persistent: { 'plugins.ml_commons.trusted_url_regex': '(' } });
    const broken = await client.post('/_plugins/_ml/models/_register', registerBody({ url, zip }));
    expect(reason(broken.body)).toBe("URL can't match trusted url regex");
  });
});

describe('hash verification per profile', () => {
  const cases: [ProfileId, string][] = [
    ['2.11-2.13', 'model content changed'],
    [
      '2.14-2.18',
      'Model content Hash code need to be provided when register via url. Please calculate sha 256 Hash code.',
    ],
    ['2.19', 'Model content Hash code need to be provided when register via url. Please calculate sha 256 Hash code.'],
    ['3.x', 'Model content Hash code need to be provided when register via url. Please calculate sha 256 Hash code.'],
  ];
  it.for(cases)('%s: a missing hash fails the task with %j', async ([profile, text]) => {
    const { sim, client } = setup(profile);
    await allowDevRegistration(client);
    const zip = modelZip('TORCH_SCRIPT');
    const task = await registerAndWait(client, { url: publish(zip), zip, hash: null, format: 'TORCH_SCRIPT' });
    expect(task).toMatchObject({ state: 'FAILED', error: text });
    expect(sim.state.models.size).toBe(0);
  });

  it('compares lowercase hex case-sensitively (an upper-case digest is "model content changed")', async () => {
    const { client } = setup();
    await allowDevRegistration(client);
    const zip = modelZip('ONNX');
    const task = await registerAndWait(client, { url: publish(zip), zip, hash: sha256Hex(zip).toUpperCase() });
    expect(task).toMatchObject({ state: 'FAILED', error: 'model content changed' });
  });

  it('checks the zip before the hash (a bad zip with a wrong hash reports the zip problem)', async () => {
    const { client } = setup();
    await allowDevRegistration(client);
    const zip = buildZip({ 'model.onnx': 'x' });
    const task = await registerAndWait(client, { url: publish(zip), zip, hash: '0'.repeat(64) });
    expect(task).toMatchObject({ state: 'FAILED', error: 'No tokenizer file' });
  });
});

describe('failure cleanup and model groups', () => {
  it('a failed register deletes the model, rolls the group version back and drops an auto-created group', async () => {
    const { sim, client } = setup();
    await allowDevRegistration(client);
    const good = modelZip('ONNX');
    const explicit = str(
      (await client.post('/_plugins/_ml/model_groups/_register', { name: 'explicit' })).body,
      'model_group_id',
    );
    await registerAndWait(client, { url: publish(good), zip: good, groupId: explicit });
    const failed = await registerAndWait(client, { url: publish(good), zip: good, hash: 'bad', groupId: explicit });
    expect(at(failed, 'state')).toBe('FAILED');
    expect(sim.state.models.size).toBe(1);
    expect(sim.state.groups.get(explicit)?.doc.latest_version).toBe(1);
    const next = await registerAndWait(client, { url: publish(good), zip: good, groupId: explicit });
    expect(sim.state.models.get(str(next, 'model_id'))?.doc.model_version).toBe('2');

    // No model_group_id: a group named after the model is created, and removed again when the register fails.
    await registerAndWait(client, { url: publish(good), zip: good, hash: 'bad', name: 'auto-named' });
    expect(sim.state.findGroupByName('auto-named')).toBeUndefined();
  });

  it('a failed register keeps a group it did not create, even an empty one', async () => {
    const { sim, client } = setup();
    await allowDevRegistration(client);
    const good = modelZip('ONNX');
    const groupNamed = async (name: string): Promise<string> =>
      str((await client.post('/_plugins/_ml/model_groups/_register', { name })).body, 'model_group_id');
    const explicit = await groupNamed('explicit-empty');
    await registerAndWait(client, { url: publish(good), zip: good, hash: 'bad', groupId: explicit });
    // Reused by name (no model_group_id): the group was there before, so it stays too.
    const byName = await groupNamed('by-name');
    await registerAndWait(client, { url: publish(good), zip: good, hash: 'bad', name: 'by-name' });
    expect([explicit, byName].map((id) => sim.state.groups.get(id)?.doc.latest_version)).toEqual([0, 0]);
  });

  it('writes the model document as ML Commons does: description when given, never hidden', async () => {
    const { sim, client } = setup();
    await allowDevRegistration(client);
    const zip = modelZip('ONNX');
    const body = { ...registerBody({ url: publish(zip), zip, name: 'described' }), description: 'a model' };
    const described = await waitForTask(
      client,
      str((await client.post('/_plugins/_ml/models/_register', body)).body, 'task_id'),
    );
    const plain = await registerAndWait(client, { url: publish(zip), zip, name: 'plain' });
    const doc = (task: unknown) => sim.state.models.get(str(task, 'model_id'))?.doc;
    expect(doc(described)).toMatchObject({ description: 'a model', is_hidden: false, total_chunks: 1 });
    expect(doc(plain)).toMatchObject({ is_hidden: false });
    expect(doc(plain)).not.toHaveProperty('description');
  });

  it('misbehaving without hash and zip checks, stores the computed hash and counts 10,000,000-byte chunks', async () => {
    const { sim, client } = setup();
    await allowDevRegistration(client);
    sim.faults.misbehave({ skipHashCheck: true, skipZipLint: true });
    const big = new Uint8Array(10_000_001).fill(7);
    const task = await registerAndWait(client, { url: publish(big), hash: null });
    expect(sim.state.models.get(str(task, 'model_id'))?.doc).toMatchObject({
      model_content_hash_value: sha256Hex(big),
      model_content_size_in_bytes: 10_000_001,
      total_chunks: 2,
    });
  });

  it('misbehaving, keeps the model document of a failed register (REGISTERING, the task names no model)', async () => {
    const { sim, client } = setup();
    await allowDevRegistration(client);
    sim.faults.misbehave({ keepModelAfterFailedRegister: true });
    const good = modelZip('ONNX');
    const failed = await registerAndWait(client, { url: publish(good), zip: good, hash: 'bad', name: 'kept' });
    expect(at(failed, 'state')).toBe('FAILED');
    expect(at(failed, 'model_id')).toBeUndefined();
    expect([...sim.state.models.values()].map((m) => [m.doc.name, m.doc.model_state])).toEqual([
      ['kept', 'REGISTERING'],
    ]);
  });

  it('reuses an existing group with the model name when no model_group_id is given', async () => {
    const { sim, client } = setup();
    await allowDevRegistration(client);
    const zip = modelZip('ONNX');
    const first = await registerAndWait(client, { url: publish(zip), zip, name: 'shared' });
    const second = await registerAndWait(client, { url: publish(zip), zip, name: 'shared' });
    const firstGroup = sim.state.models.get(str(first, 'model_id'))?.doc.model_group_id;
    expect(sim.state.models.get(str(second, 'model_id'))?.doc).toMatchObject({
      model_group_id: firstGroup,
      model_version: '2',
    });
    expect(sim.state.groups.size).toBe(1);
  });

  it('an unknown model_group_id fails the task with "Model group not found"', async () => {
    const { client } = setup();
    await allowDevRegistration(client);
    const zip = modelZip('ONNX');
    const task = await registerAndWait(client, { url: publish(zip), zip, groupId: 'AAAAAAAAAAAAAAAAAAAA' });
    expect(task).toMatchObject({ state: 'FAILED', error: 'Model group not found' });
  });

  it('?deploy=true deploys right after registering', async () => {
    const { sim, client } = setup();
    await allowDevRegistration(client);
    const zip = modelZip('ONNX');
    const response = await client.post(
      '/_plugins/_ml/models/_register?deploy=true',
      registerBody({ url: publish(zip), zip }),
    );
    const task = await waitForTask(client, str(response.body, 'task_id'));
    await sim.settle();
    expect(sim.state.models.get(str(task, 'model_id'))?.doc.model_state).toBe('DEPLOYED');
  });
});

describe('download failures', () => {
  it('a 404 from the artifact server fails the task', async () => {
    const { client } = setup();
    await allowDevRegistration(client);
    const url = `${artifacts.baseUrl}/missing.zip`;
    const task = await registerAndWait(client, { url, hash: '0'.repeat(64) });
    expect(task).toMatchObject({ state: 'FAILED', error: url });
  });

  it.for([
    [
      'a network code Java has no text for: the innermost message',
      new Error('fetch failed', { cause: Object.assign(new Error('getaddrinfo EAI_AGAIN h'), { code: 'EAI_AGAIN' }) }),
      'getaddrinfo EAI_AGAIN h',
    ],
    ['a rejection that is not an Error: its text', 'socket hang up', 'socket hang up'],
    ['an undefined rejection', undefined, 'undefined'],
  ] as const)('%s', async ([, rejection, text]) => {
    const zip = modelZip('ONNX');
    // A download may reject with anything; the task's error must still say what happened.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const { client } = setup('3.x', () => Promise.reject(rejection));
    await allowDevRegistration(client);
    const task = await registerAndWait(client, { url: 'http://127.0.0.1:1/m.zip', zip });
    expect(task).toMatchObject({ state: 'FAILED', error: text });
  });

  it('a refused connection fails the task with the root cause', async () => {
    const { client } = setup();
    await allowDevRegistration(client);
    const task = await registerAndWait(client, {
      url: `http://127.0.0.1:${await closedPort()}/m.zip`,
      hash: '0'.repeat(64),
    });
    expect(task).toMatchObject({ state: 'FAILED', error: 'Connection refused' });
  });
});
