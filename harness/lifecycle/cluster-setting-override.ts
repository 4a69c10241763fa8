/**
 * Temporarily changes persistent cluster settings and puts back exactly what was there (the previous persistent
 * value, or nothing). The restore is tracked in the ledger where the change is made, so it also runs when the
 * check fails or the run is aborted; a restore refused with 429 (a tripped circuit breaker) is sent again.
 */
import type { MlClient } from '../ml/client.ts';
import type { SettingValue } from '../ml/cluster-api.ts';
import { retryReleaseOn429 } from './release-retry.ts';
import type { ResourceLedger } from './resource-ledger.ts';

export type SettingsClient = Pick<MlClient, 'getClusterSettings' | 'putClusterSettings'>;

export async function overrideClusterSettings(
  client: SettingsClient,
  ledger: ResourceLedger,
  changes: Readonly<Record<string, SettingValue>>,
): Promise<() => Promise<void>> {
  const current = await client.getClusterSettings({ includeDefaults: false });
  const previous: Record<string, SettingValue> = {};
  for (const key of Object.keys(changes)) {
    const value = current.persistent[key];
    previous[key] = value === undefined ? null : (value as SettingValue);
  }
  await client.putClusterSettings({ persistent: changes });
  const id = `settings:${Object.keys(changes).sort().join(',')}`;
  let restored = false;
  const restore = async (): Promise<void> => {
    if (restored) {
      return;
    }
    await retryReleaseOn429(() => client.putClusterSettings({ persistent: previous }), {
      resource: `cluster settings ${id}`,
    });
    restored = true;
    ledger.untrack(id, 'cluster-setting');
  };
  ledger.track({
    kind: 'cluster-setting',
    id,
    label: `restore ${Object.entries(previous)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ')}`,
    release: restore,
  });
  return restore;
}
