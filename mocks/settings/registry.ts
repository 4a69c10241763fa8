import type { ProfileFeatures } from '../profiles/index.ts';

/**
 * The cluster settings the simulated node knows, with ML Commons' defaults (ml-commons-behavior.md §7,
 * `MLCommonsSettings.java`). A PUT of anything else fails like on a real cluster, so a card that relies on a
 * setting its version lacks (disk_free_space_threshold before 2.16) fails offline too.
 */
export type SettingValue = string | readonly string[];

export interface SettingDef {
  readonly key: string;
  readonly kind: 'boolean' | 'integer' | 'number' | 'string' | 'list';
  readonly default: SettingValue;
  readonly min?: number;
  readonly max?: number;
  /** Present only when the profile has this feature. */
  readonly requires?: keyof ProfileFeatures;
}

/** `trusted_url_regex` default, unchanged from 2.9 to HEAD. */
export const DEFAULT_TRUSTED_URL_REGEX = '^(https?|ftp|file)://[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]';

const ml = (rest: string): string => `plugins.ml_commons.${rest}`;

const SETTINGS: readonly SettingDef[] = [
  { key: ml('allow_registering_model_via_url'), kind: 'boolean', default: 'false' },
  { key: ml('allow_registering_model_via_local_file'), kind: 'boolean', default: 'false' },
  { key: ml('only_run_on_ml_node'), kind: 'boolean', default: 'true' },
  { key: ml('trusted_url_regex'), kind: 'string', default: DEFAULT_TRUSTED_URL_REGEX },
  { key: ml('model_access_control_enabled'), kind: 'boolean', default: 'false' },
  { key: ml('connector_access_control_enabled'), kind: 'boolean', default: 'false' },
  { key: ml('native_memory_threshold'), kind: 'integer', default: '90', min: 0, max: 100 },
  { key: ml('jvm_heap_memory_threshold'), kind: 'integer', default: '85', min: 0, max: 100 },
  { key: ml('disk_free_space_threshold'), kind: 'string', default: '5gb', requires: 'diskFreeSpaceThresholdSetting' },
  { key: ml('model_auto_redeploy.enable'), kind: 'boolean', default: 'true' },
  { key: ml('model_auto_redeploy.lifetime_retry_times'), kind: 'integer', default: '3', min: 0 },
  { key: ml('model_auto_redeploy_success_ratio'), kind: 'number', default: '0.8' },
  { key: ml('model_auto_deploy.enable'), kind: 'boolean', default: 'true' },
  { key: ml('sync_up_job_interval_in_seconds'), kind: 'integer', default: '10', min: 0, max: 86400 },
  { key: ml('local_model.enabled'), kind: 'boolean', default: 'true', requires: 'localModelEnabledSetting' },
  { key: ml('remote_inference.enabled'), kind: 'boolean', default: 'true' },
  { key: ml('max_model_on_node'), kind: 'integer', default: '10', min: 0 },
  { key: ml('max_register_model_tasks_per_node'), kind: 'integer', default: '10', min: 0 },
  { key: ml('max_deploy_model_tasks_per_node'), kind: 'integer', default: '10', min: 0 },
  { key: ml('max_ml_task_per_node'), kind: 'integer', default: '10', min: 0 },
  { key: ml('monitoring_request_count'), kind: 'integer', default: '100', min: 0 },
  { key: ml('task_dispatch_policy'), kind: 'string', default: 'round_robin' },
  { key: ml('allow_custom_deployment_plan'), kind: 'boolean', default: 'false' },
  { key: ml('enable_inhouse_python_model'), kind: 'boolean', default: 'false' },
  { key: ml('task_dispatcher.eligible_node_role.local_model'), kind: 'list', default: ['data', 'ml'] },
  // Core settings the harness and the CI recipes touch.
  { key: 'cluster.routing.allocation.disk.threshold_enabled', kind: 'boolean', default: 'true' },
  { key: 'cluster.routing.allocation.disk.watermark.low', kind: 'string', default: '85%' },
  { key: 'cluster.routing.allocation.disk.watermark.high', kind: 'string', default: '90%' },
  { key: 'cluster.routing.allocation.disk.watermark.flood_stage', kind: 'string', default: '95%' },
  { key: 'indices.breaker.total.limit', kind: 'string', default: '95%' },
  { key: 'action.auto_create_index', kind: 'string', default: 'true' },
  { key: 'cluster.max_shards_per_node', kind: 'integer', default: '1000', min: 1 },
];

/** Dynamic logger levels (`logger.org.opensearch.ml: DEBUG`) are accepted for any package, as on a real node. */
export function isDynamicPrefixSetting(key: string): boolean {
  return key.startsWith('logger.');
}

export function settingsFor(features: ProfileFeatures): Map<string, SettingDef> {
  return new Map(SETTINGS.filter((def) => def.requires === undefined || features[def.requires]).map((d) => [d.key, d]));
}
