import { describe, expect, it } from 'vitest';
import type { PutClusterSettingsRequest } from '../../ml/cluster-api.ts';
import type { ClusterSettings } from '../../ml/cluster-schemas.ts';
import { applySettingChanges, type SettingsClient } from './settings-changes.ts';

/** Applies PUT bodies like OpenSearch does: null removes the key from that scope. */
function fakeCluster(initial: ClusterSettings): { client: SettingsClient; state: ClusterSettings; puts: unknown[] } {
  const state = { persistent: { ...initial.persistent }, transient: { ...initial.transient } };
  const puts: unknown[] = [];
  const client: SettingsClient = {
    getClusterSettings: () => Promise.resolve(structuredClone(state)),
    putClusterSettings: (request: PutClusterSettingsRequest) => {
      puts.push(structuredClone(request));
      for (const scope of ['persistent', 'transient'] as const) {
        for (const [key, value] of Object.entries(request[scope] ?? {})) {
          if (value === null) {
            delete state[scope][key];
          } else {
            state[scope][key] = typeof value === 'string' ? value : JSON.stringify(value);
          }
        }
      }
      return Promise.resolve({ acknowledged: true });
    },
  };
  return { client, state, puts };
}

const URL_SETTING = 'plugins.ml_commons.allow_registering_model_via_url';
const ML_NODE = 'plugins.ml_commons.only_run_on_ml_node';
const REGEX = 'plugins.ml_commons.trusted_url_regex';

describe('applySettingChanges', () => {
  it('sets persistent values and restores exactly the previous state (unset stays unset)', async () => {
    const initial = { persistent: { [REGEX]: '^https://corp/', 'cluster.other': 'x' }, transient: {} };
    const cluster = fakeCluster(initial);
    const applied = await applySettingChanges(cluster.client, [
      { setting: URL_SETTING, value: true },
      { setting: REGEX, value: '(?:^https://corp/)|^http://127\\.0\\.0\\.1:4/' },
    ]);
    expect(applied.changes).toEqual([
      { setting: URL_SETTING, scope: 'persistent', previous: null, value: true },
      {
        setting: REGEX,
        scope: 'persistent',
        previous: '^https://corp/',
        value: '(?:^https://corp/)|^http://127\\.0\\.0\\.1:4/',
      },
    ]);
    expect(cluster.state.persistent[URL_SETTING]).toBe('true');
    await applied.restore();
    expect(cluster.state).toEqual(initial);
    expect(JSON.parse(applied.restoreBody)).toEqual({
      persistent: { [URL_SETTING]: null, [REGEX]: '^https://corp/' },
      transient: {},
    });
  });

  it('changes a transiently set value where it lives, since transient wins over persistent', async () => {
    const initial = { persistent: { [ML_NODE]: 'true' }, transient: { [ML_NODE]: 'true' } };
    const cluster = fakeCluster(initial);
    const applied = await applySettingChanges(cluster.client, [{ setting: ML_NODE, value: false }]);
    expect(cluster.state).toEqual({ persistent: { [ML_NODE]: 'true' }, transient: { [ML_NODE]: 'false' } });
    await applied.restore();
    expect(cluster.state).toEqual(initial);
  });

  it('restore is idempotent, and retried after a failure', async () => {
    const cluster = fakeCluster({ persistent: {}, transient: {} });
    const applied = await applySettingChanges(cluster.client, [{ setting: URL_SETTING, value: true }]);
    const put = cluster.client.putClusterSettings;
    let fail = true;
    cluster.client.putClusterSettings = (request) => {
      if (fail) {
        fail = false;
        return Promise.reject(new Error('connection reset'));
      }
      return put(request);
    };
    await expect(applied.restore()).rejects.toThrow('connection reset');
    await applied.restore();
    await applied.restore();
    expect(cluster.state.persistent).toEqual({});
    expect(cluster.puts).toHaveLength(2);
  });

  it('nothing wanted → nothing sent', async () => {
    const cluster = fakeCluster({ persistent: {}, transient: {} });
    const applied = await applySettingChanges(cluster.client, []);
    await applied.restore();
    expect(cluster.puts).toEqual([]);
  });
});
