/**
 * The external target end to end against a fake cluster: without OPENSEARCH_ALLOW_SETTINGS_CHANGES nothing is
 * written and the start fails with every blocking setting; with it, the settings are set and `stop()` restores
 * exactly what was there. The registration path follows what the cluster allows (OMLC_REGISTER_VIA=auto).
 */
import { parseRunConfig } from '../../config/run-config.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArtifactServer, type ArtifactServer } from '../../artifacts/artifact-server.ts';
import { startFakeOpenSearch, type FakeOpenSearch } from './testing/fake-opensearch.ts';
import { startExternalTarget } from '../live/start-external.ts';

const URL_SETTING = 'plugins.ml_commons.allow_registering_model_via_url';
const ML_NODE = 'plugins.ml_commons.only_run_on_ml_node';
const LOCAL_FILE = 'plugins.ml_commons.allow_registering_model_via_local_file';
const DEFAULTS = {
  [URL_SETTING]: 'false',
  [LOCAL_FILE]: 'false',
  [ML_NODE]: 'true',
  'plugins.ml_commons.trusted_url_regex': '^(https?|ftp|file)://[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]',
  'plugins.ml_commons.jvm_heap_memory_threshold': '100',
  'plugins.ml_commons.native_memory_threshold': '100',
  'plugins.ml_commons.disk_free_space_threshold': '5gb',
};

let artifacts: ArtifactServer;
const fakes: FakeOpenSearch[] = [];

beforeAll(async () => {
  artifacts = await startArtifactServer();
});

afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  await artifacts.close();
});

async function fake(persistent: Record<string, unknown> = {}): Promise<FakeOpenSearch> {
  const started = await startFakeOpenSearch({ defaults: DEFAULTS, persistent });
  fakes.push(started);
  return started;
}

function start(cluster: FakeOpenSearch, env: Record<string, string>, log: string[] = []) {
  return startExternalTarget({
    projectName: 'live:external',
    version: undefined,
    artifacts,
    config: parseRunConfig({ OPENSEARCH_URL: cluster.url, ...env }),
    log: (line) => log.push(line),
    signal: new AbortController().signal,
  });
}

describe('startExternalTarget', () => {
  it('ML Commons defaults, no permission: no PUT at all, and the start fails saying no registration path is allowed', async () => {
    const cluster = await fake();
    const error = await start(cluster, {}).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    const firstLine = error?.message.split('\n')[0];
    expect(firstLine).toBe(
      `pre-flight of ${cluster.url}: 3 problem(s) would make the live checks fail (${ML_NODE}, ${URL_SETTING}, ` +
        `${LOCAL_FILE}); no registration path is allowed: URL registration and chunked upload are both off (ML ` +
        'Commons’ defaults), so no custom model can be registered without changing one setting — turn on ' +
        'plugins.ml_commons.allow_registering_model_via_local_file (upload; no network path to this machine needed) ' +
        'or allow_registering_model_via_url on the cluster, or set OPENSEARCH_ALLOW_SETTINGS_CHANGES=true to let the ' +
        'harness turn on local-file registration for the run (restored at the end)',
    );
    expect(error?.message).toMatch(`fix: PUT _cluster/settings {"persistent":{"${ML_NODE}":false}}`);
    expect(cluster.puts).toEqual([]);
  });

  it('with OPENSEARCH_ALLOW_SETTINGS_CHANGES=true: turns on upload (not URL), and stop() restores exactly', async () => {
    const cluster = await fake({ 'cluster.routing.allocation.enable': 'all' });
    const log: string[] = [];
    const target = await start(cluster, { OPENSEARCH_ALLOW_SETTINGS_CHANGES: 'true' }, log);
    expect(target).toMatchObject({
      kind: 'external',
      label: 'external 2.19.1',
      version: '2.19.1',
      capabilities: { torchScript: true, realInference: true, faultInjection: true, clusterSettingsWritable: true },
      registration: {
        url: { usable: false, reason: expect.stringContaining(`${URL_SETTING} is false`) as unknown },
        upload: { usable: true },
      },
    });
    expect(cluster.persistent).toEqual({
      'cluster.routing.allocation.enable': 'all',
      [ML_NODE]: 'false',
      [LOCAL_FILE]: 'true',
    });
    expect(log.join('\n')).toMatch(
      `changed persistent ${ML_NODE}: null → false; persistent ${LOCAL_FILE}: null → true`,
    );
    expect(log.join('\n')).toMatch(`pre-flight (not needed: registering via upload) note: ${URL_SETTING} is false`);
    await target.stop();
    await target.stop();
    expect(cluster.persistent).toEqual({ 'cluster.routing.allocation.enable': 'all' });
    expect(cluster.puts).toHaveLength(2);
  });

  it('a cluster prepared for URL registration needs no change; settings are writable only with the flag', async () => {
    const cluster = await fake({ [URL_SETTING]: 'true', [ML_NODE]: 'false' });
    const log: string[] = [];
    const target = await start(cluster, {}, log);
    expect(target.capabilities.clusterSettingsWritable).toBe(false);
    expect(target.registration.url.usable).toBe(true);
    expect(target.registration.upload).toMatchObject({ usable: false });
    expect(log.join('\n')).toMatch('nothing blocks the live checks (registering via url)');
    await target.stop();
    expect(cluster.puts).toEqual([]);
  });

  it('URL registration off, local-file registration on: upload, without changing anything', async () => {
    const cluster = await fake({ [LOCAL_FILE]: 'true', [ML_NODE]: 'false' });
    const log: string[] = [];
    const target = await start(cluster, {}, log);
    expect(target.registration).toMatchObject({ url: { usable: false }, upload: { usable: true } });
    expect(log.join('\n')).toMatch('nothing blocks the live checks (registering via upload)');
    await target.stop();
    expect(cluster.puts).toEqual([]);
  });

  it('a forced path blocks on its own settings only', async () => {
    const uploadReady = await fake({ [LOCAL_FILE]: 'true', [ML_NODE]: 'false' });
    await expect(start(uploadReady, { OMLC_REGISTER_VIA: 'url' })).rejects.toThrow(
      `pre-flight of ${uploadReady.url}: 1 problem(s) would make the live checks fail (${URL_SETTING})`,
    );
    const urlReady = await fake({ [URL_SETTING]: 'true', [ML_NODE]: 'false' });
    await expect(start(urlReady, { OMLC_REGISTER_VIA: 'upload' })).rejects.toThrow(
      `pre-flight of ${urlReady.url}: 1 problem(s) would make the live checks fail (${LOCAL_FILE})`,
    );
    expect([...uploadReady.puts, ...urlReady.puts]).toEqual([]);
  });

  it('a bad environment fails before any connection, naming the variable', async () => {
    const cluster = await fake();
    await expect(start(cluster, { OPENSEARCH_USERNAME: 'admin' })).rejects.toThrow(
      'OPENSEARCH_PASSWORD: basic auth needs both OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD',
    );
    expect(cluster.puts).toEqual([]);
  });
});
