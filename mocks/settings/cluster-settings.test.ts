import { describe, expect, it } from 'vitest';
import { createSimulator } from '../simulator.ts';
import { testClient } from '../test-support/client.ts';
import { createFakeBackend } from '../test-support/fake-backend.ts';
import { at } from '../test-support/json.ts';
import { useMswServer } from '../test-support/msw.ts';
import { PROFILES } from '../profiles/index.ts';
import { ClusterSettings } from './cluster-settings.ts';
import { DEFAULT_TRUSTED_URL_REGEX } from './registry.ts';

const BASE = 'http://127.0.0.1:9200';
const msw = useMswServer();

function setup(profile: '2.11-2.13' | '2.14-2.18' | '3.x' = '3.x') {
  const sim = createSimulator({ profile, baseUrl: BASE, inference: createFakeBackend() });
  msw.install(sim);
  return { sim, client: testClient(BASE) };
}

describe('_cluster/settings', () => {
  it('starts at ML Commons defaults (include_defaults, flat_settings)', async () => {
    const { client } = setup();
    const response = await client.get('/_cluster/settings?include_defaults=true&flat_settings=true');
    expect(response.body).toMatchObject({
      persistent: {},
      transient: {},
      defaults: {
        'plugins.ml_commons.allow_registering_model_via_url': 'false',
        'plugins.ml_commons.only_run_on_ml_node': 'true',
        'plugins.ml_commons.trusted_url_regex': DEFAULT_TRUSTED_URL_REGEX,
        'plugins.ml_commons.native_memory_threshold': '90',
        'plugins.ml_commons.jvm_heap_memory_threshold': '85',
        'plugins.ml_commons.disk_free_space_threshold': '5gb',
        'plugins.ml_commons.task_dispatcher.eligible_node_role.local_model': ['data', 'ml'],
      },
    });
    expect((await client.get('/_cluster/settings')).body).toEqual({ persistent: {}, transient: {} });
  });

  it('accepts nested or flat keys, echoes nested by default, transient wins, null resets', async () => {
    const { sim, client } = setup();
    const put = await client.put('/_cluster/settings', {
      persistent: {
        plugins: { ml_commons: { only_run_on_ml_node: false } },
        'plugins.ml_commons.native_memory_threshold': 100,
      },
    });
    expect(put.body).toEqual({
      acknowledged: true,
      persistent: { plugins: { ml_commons: { only_run_on_ml_node: 'false', native_memory_threshold: '100' } } },
      transient: {},
    });
    await client.put('/_cluster/settings', { transient: { 'plugins.ml_commons.only_run_on_ml_node': true } });
    expect(sim.settings.getBoolean('plugins.ml_commons.only_run_on_ml_node')).toBe(true);
    const flat = await client.get('/_cluster/settings?flat_settings');
    expect(flat.body).toEqual({
      persistent: {
        'plugins.ml_commons.only_run_on_ml_node': 'false',
        'plugins.ml_commons.native_memory_threshold': '100',
      },
      transient: { 'plugins.ml_commons.only_run_on_ml_node': 'true' },
    });
    await client.put('/_cluster/settings?flat_settings=true', {
      transient: { 'plugins.ml_commons.only_run_on_ml_node': null },
    });
    expect(sim.settings.getBoolean('plugins.ml_commons.only_run_on_ml_node')).toBe(false);
    expect(
      at(
        (await client.get('/_cluster/settings?include_defaults=true')).body,
        'defaults',
        'plugins',
        'ml_commons',
        'only_run_on_ml_node',
      ),
    ).toBeUndefined();
  });

  it('refuses unknown settings and bad values atomically', async () => {
    const { sim, client } = setup();
    const unknown = await client.put('/_cluster/settings', {
      persistent: { 'plugins.ml_commons.allow_registering_model_via_url': true, 'plugins.ml_commons.nope': 1 },
    });
    expect(unknown.status).toBe(400);
    expect(at(unknown.body, 'error', 'reason')).toBe('persistent setting [plugins.ml_commons.nope], not recognized');
    expect(sim.settings.getBoolean('plugins.ml_commons.allow_registering_model_via_url')).toBe(false);
    const badBool = await client.put('/_cluster/settings', {
      transient: { 'plugins.ml_commons.only_run_on_ml_node': 'yes' },
    });
    expect(badBool.status).toBe(400);
    const badInt = await client.put('/_cluster/settings', {
      persistent: { 'plugins.ml_commons.jvm_heap_memory_threshold': 101 },
    });
    expect(badInt.status).toBe(400);
    expect(
      (await client.put('/_cluster/settings', { persistent: { 'logger.org.opensearch.ml': 'DEBUG' } })).status,
    ).toBe(200);
  });

  it('disk_free_space_threshold exists from 2.16 only (unknown on the 2.13 profile)', async () => {
    for (const [profile, status] of [
      ['2.11-2.13', 400],
      ['2.14-2.18', 200],
    ] as const) {
      const { client } = setup(profile);
      const response = await client.put('/_cluster/settings', {
        persistent: { 'plugins.ml_commons.disk_free_space_threshold': 0 },
      });
      expect(response.status).toBe(status);
    }
  });

  it('GET /_nodes reports one node without the ml role, honouring filter_path', async () => {
    const { sim, client } = setup();
    const response = await client.get('/_nodes?filter_path=nodes.*.name,nodes.*.roles,nodes.*.version');
    expect(response.body).toEqual({
      nodes: {
        [sim.node.id]: {
          name: 'omlc-node',
          roles: ['cluster_manager', 'data', 'ingest', 'remote_cluster_client'],
          version: '3.6.0',
        },
      },
    });
  });

  it('node settings (opensearch.yml) sit below persistent/transient: null falls back to them, not the default', async () => {
    const sim = createSimulator({
      profile: '2.19',
      baseUrl: BASE,
      inference: createFakeBackend(),
      nodeSettings: {
        'plugins.ml_commons.allow_registering_model_via_url': true,
        'plugins.ml_commons.only_run_on_ml_node': false,
      },
    });
    msw.install(sim);
    const client = testClient(BASE);
    const allowUrl = 'plugins.ml_commons.allow_registering_model_via_url';
    expect(sim.settings.getBoolean(allowUrl)).toBe(true);
    // Not part of the cluster state: GET shows them only under `defaults`, as a real node reports yml values.
    expect((await client.get('/_cluster/settings?flat_settings')).body).toEqual({ persistent: {}, transient: {} });
    expect((await client.get('/_cluster/settings?flat_settings&include_defaults')).body).toMatchObject({
      defaults: { [allowUrl]: 'true', 'plugins.ml_commons.only_run_on_ml_node': 'false' },
    });
    await client.put('/_cluster/settings', { persistent: { [allowUrl]: false } });
    expect(sim.settings.getBoolean(allowUrl)).toBe(false);
    const overridden = await client.get('/_cluster/settings?flat_settings&include_defaults');
    expect(at(overridden.body, 'persistent', allowUrl)).toBe('false');
    expect(at(overridden.body, 'defaults', allowUrl)).toBeUndefined();
    await client.put('/_cluster/settings', { persistent: { [allowUrl]: null } });
    expect(sim.settings.getBoolean(allowUrl)).toBe(true);
    await client.put('/_cluster/settings', { transient: { [allowUrl]: false } });
    sim.reset();
    expect(sim.settings.getBoolean(allowUrl)).toBe(true);
    expect(sim.settings.getBoolean('plugins.ml_commons.only_run_on_ml_node')).toBe(false);
  });

  it('refuses node settings it does not know or cannot parse, as a node refuses its opensearch.yml', () => {
    expect(() => new ClusterSettings(PROFILES['3.x'], { 'plugins.ml_commons.nope': true })).toThrow(
      /nodeSettings: cannot apply \[plugins\.ml_commons\.nope\]/,
    );
    expect(() => new ClusterSettings(PROFILES['3.x'], { 'plugins.ml_commons.only_run_on_ml_node': 'yes' })).toThrow(
      /nodeSettings/,
    );
    // disk_free_space_threshold does not exist before 2.16.
    expect(
      () => new ClusterSettings(PROFILES['2.11-2.13'], { 'plugins.ml_commons.disk_free_space_threshold': '1gb' }),
    ).toThrow(/nodeSettings/);
  });

  it('ClusterSettings.reset() returns to the defaults', () => {
    const settings = new ClusterSettings(PROFILES['3.x']);
    settings.set('plugins.ml_commons.only_run_on_ml_node', false, 'transient');
    settings.reset();
    expect(settings.get('plugins.ml_commons.only_run_on_ml_node')).toBe('true');
  });
});
