import { HttpError } from '../http/errors.ts';
import { isObject, type JsonObject } from '../http/body.ts';
import type { Profile } from '../profiles/index.ts';
import { isDynamicPrefixSetting, settingsFor, type SettingDef, type SettingValue } from './registry.ts';

export type SettingsScope = 'persistent' | 'transient';

/** Node settings as `opensearch.yml` holds them (flat keys), e.g. `{ 'plugins.ml_commons.only_run_on_ml_node': false }`. */
export type NodeSettingsInput = Readonly<Record<string, string | number | boolean | readonly (string | number)[]>>;

type FlatSettings = Record<string, SettingValue>;

/**
 * `_cluster/settings` as a real node keeps it: transient over persistent over the node's own settings
 * (`opensearch.yml`) over the built-in defaults. Resetting a persistent or transient value to `null` falls back to
 * the yml value, not to the default. Values are stored as strings (lists as string arrays) because that is how
 * OpenSearch returns them.
 */
export class ClusterSettings {
  readonly #defs: Map<string, SettingDef>;
  readonly #layers: Record<SettingsScope, Map<string, SettingValue>> = { persistent: new Map(), transient: new Map() };
  /** opensearch.yml: fixed for the node's lifetime, so `reset()` (a fresh cluster state) keeps it. */
  readonly #node = new Map<string, SettingValue>();

  /**
   * `nodeSettings` is validated like a PUT; an unknown key or a bad value throws, as a node refuses to start on
   * an opensearch.yml it cannot read.
   */
  constructor(profile: Profile, nodeSettings: NodeSettingsInput = {}) {
    this.#defs = settingsFor(profile.features);
    for (const [key, raw] of Object.entries(nodeSettings)) {
      try {
        this.#node.set(key, this.#validate('node', key, raw));
      } catch (error) {
        const detail = error instanceof HttpError ? `${error.key} ${JSON.stringify(error.vars)}` : String(error);
        throw new Error(`simulator nodeSettings: cannot apply [${key}] = ${JSON.stringify(raw)} (${detail})`, {
          cause: error,
        });
      }
    }
  }

  /**
   * The effective value: transient, else persistent, else the node setting (opensearch.yml), else the default;
   * `undefined` for an unknown key.
   */
  get(key: string): SettingValue | undefined {
    return (
      this.#layers.transient.get(key) ??
      this.#layers.persistent.get(key) ??
      this.#node.get(key) ??
      this.#defs.get(key)?.default
    );
  }

  getBoolean(key: string): boolean {
    return this.get(key) === 'true';
  }

  getString(key: string): string {
    const value = this.get(key);
    return typeof value === 'string' ? value : (value ?? []).join(',');
  }

  /** True when the node knows this setting (used to gate version-specific settings). */
  has(key: string): boolean {
    return this.#defs.has(key);
  }

  /**
   * Applies one scope of a `PUT /_cluster/settings` body (flat or nested keys; `null` resets). Validates everything
   * first, so a bad key leaves the settings untouched — a real update is atomic too.
   */
  update(scope: SettingsScope, input: unknown): FlatSettings {
    if (input === undefined || input === null) {
      return {};
    }
    if (!isObject(input)) {
      throw new HttpError('badJson', { detail: `[${scope}] must be an object` });
    }
    const flat = flatten(input);
    const normalized = new Map<string, SettingValue | null>();
    for (const [key, raw] of Object.entries(flat)) {
      normalized.set(key, raw === null ? null : this.#validate(scope, key, raw));
    }
    const applied: FlatSettings = {};
    const layer = this.#layers[scope];
    for (const [key, value] of normalized) {
      if (value === null) {
        layer.delete(key);
      } else {
        layer.set(key, value);
        applied[key] = value;
      }
    }
    return applied;
  }

  /** Test convenience with the same validation as the REST path. */
  set(key: string, value: string | number | boolean | null, scope: SettingsScope = 'persistent'): void {
    this.update(scope, { [key]: value });
  }

  render(options: { flat: boolean; includeDefaults: boolean }): JsonObject {
    const shape = (settings: FlatSettings): JsonObject => (options.flat ? { ...settings } : nest(settings));
    const out: JsonObject = {
      persistent: shape(Object.fromEntries(this.#layers.persistent)),
      transient: shape(Object.fromEntries(this.#layers.transient)),
    };
    if (options.includeDefaults) {
      // `AbstractScopedSettings.diff(clusterState, nodeSettings)`: every setting the cluster state does not set,
      // valued from opensearch.yml when the node sets it there, else its built-in default.
      const unset = (key: string): boolean => !this.#layers.persistent.has(key) && !this.#layers.transient.has(key);
      const defaults: FlatSettings = {};
      for (const def of this.#defs.values()) {
        if (unset(def.key)) {
          defaults[def.key] = this.#node.get(def.key) ?? def.default;
        }
      }
      for (const [key, value] of this.#node) {
        if (!this.#defs.has(key) && unset(key)) {
          defaults[key] = value;
        }
      }
      out.defaults = shape(defaults);
    }
    return out;
  }

  /** Shapes an applied subset the way the PUT response echoes it. */
  static shape(settings: FlatSettings, flat: boolean): JsonObject {
    return flat ? { ...settings } : nest(settings);
  }

  /** Back to a fresh cluster state; the node settings (opensearch.yml) stay. */
  reset(): void {
    this.#layers.persistent.clear();
    this.#layers.transient.clear();
  }

  #validate(scope: SettingsScope | 'node', key: string, raw: unknown): SettingValue {
    const def = this.#defs.get(key);
    if (def === undefined) {
      if (isDynamicPrefixSetting(key)) {
        return stringify(raw);
      }
      throw new HttpError('unknownSetting', { scope, key });
    }
    if (def.kind === 'list') {
      return Array.isArray(raw) ? raw.map((item) => stringify(item)) : stringify(raw).split(',');
    }
    const value = stringify(raw);
    if (def.kind === 'boolean' && value !== 'true' && value !== 'false') {
      throw new HttpError('invalidBooleanSetting', { key, value });
    }
    if (def.kind === 'integer' || def.kind === 'number') {
      const pattern = def.kind === 'integer' ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
      const numeric = Number(value);
      if (
        !pattern.test(value) ||
        (def.min !== undefined && numeric < def.min) ||
        (def.max !== undefined && numeric > def.max)
      ) {
        throw new HttpError('invalidIntegerSetting', { key, value });
      }
    }
    return value;
  }
}

function stringify(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

/** `{plugins:{ml_commons:{x:true}}}` and `{"plugins.ml_commons.x":true}` are the same update. */
function flatten(input: JsonObject, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const full = prefix === '' ? key : `${prefix}.${key}`;
    if (isObject(value)) {
      Object.assign(out, flatten(value, full));
    } else {
      out[full] = value;
    }
  }
  return out;
}

function nest(settings: FlatSettings): JsonObject {
  const root: JsonObject = {};
  for (const [key, value] of Object.entries(settings)) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (isObject(next)) {
        node = next;
      } else {
        const created: JsonObject = {};
        node[part] = created;
        node = created;
      }
    }
    node[parts[parts.length - 1] ?? key] = Array.isArray(value) ? [...(value as string[])] : value;
  }
  return root;
}
