/**
 * The only place the external target changes cluster settings (with OPENSEARCH_ALLOW_SETTINGS_CHANGES=true), and the
 * restore of exactly what was there before. A change goes where the value comes from: persistent normally, transient
 * when a transient value exists (it would win over a persistent one). The previous value of that scope is remembered
 * (`null` = unset), so the restore also removes what the harness added rather than writing the default explicitly.
 */
import type { MlClient } from '../../ml/client.ts';
import type { SettingValue } from '../../ml/cluster-api.ts';
import type { ClusterSettings } from '../../ml/cluster-schemas.ts';
import type { SettingChange } from './preflight.ts';

export type SettingsClient = Pick<MlClient, 'getClusterSettings' | 'putClusterSettings'>;

export interface AppliedChange {
  readonly setting: string;
  readonly scope: 'persistent' | 'transient';
  readonly previous: SettingValue;
  readonly value: SettingValue;
}

export interface AppliedSettings {
  readonly changes: readonly AppliedChange[];
  /** Puts back every previous value; idempotent, and safe to call when nothing was changed. */
  restore(): Promise<void>;
  /** The PUT body that restores by hand, printed in case the run is killed before `restore`. */
  readonly restoreBody: string;
}

function asSettingValue(value: unknown): SettingValue {
  if (value === undefined || value === null) {
    return null;
  }
  if (Array.isArray(value)) {
    return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    return value;
  }
  return JSON.stringify(value);
}

function bodyFor(
  changes: readonly AppliedChange[],
  pick: (c: AppliedChange) => SettingValue,
): {
  persistent: Record<string, SettingValue>;
  transient: Record<string, SettingValue>;
} {
  const body = { persistent: {} as Record<string, SettingValue>, transient: {} as Record<string, SettingValue> };
  for (const change of changes) {
    body[change.scope][change.setting] = pick(change);
  }
  return body;
}

function planChanges(current: ClusterSettings, wanted: readonly SettingChange[]): AppliedChange[] {
  const unique = new Map(wanted.map((w) => [w.setting, w]));
  return [...unique.values()].map((w) => {
    const scope = Object.hasOwn(current.transient, w.setting) ? 'transient' : 'persistent';
    return { setting: w.setting, scope, previous: asSettingValue(current[scope][w.setting]), value: w.value };
  });
}

export async function applySettingChanges(
  client: SettingsClient,
  wanted: readonly SettingChange[],
): Promise<AppliedSettings> {
  const current = await client.getClusterSettings({ includeDefaults: false });
  const changes = planChanges(current, wanted);
  const restoreBody = JSON.stringify(bodyFor(changes, (c) => c.previous));
  let restored: Promise<void> | undefined;
  const restore = (): Promise<void> => {
    restored ??= (async () => {
      if (changes.length > 0) {
        await client.putClusterSettings(bodyFor(changes, (c) => c.previous));
      }
    })().catch((error: unknown) => {
      // A failed restore (cluster briefly unreachable) may be retried by calling restore again.
      restored = undefined;
      throw error;
    });
    return restored;
  };
  if (changes.length > 0) {
    await client.putClusterSettings(bodyFor(changes, (c) => c.value));
  }
  return { changes, restore, restoreBody };
}
