/**
 * ML Commons settings a single-node test cluster needs (ml-commons-behavior.md §7): both registration paths on. The native target writes them
 * into opensearch.yml; the simulator gets them as its node (opensearch.yml) settings, so a persistent override set
 * back to null falls back to them as on a real node; an external cluster is only checked against them (pre-flight)
 * unless the user allows changes.
 */
export const CI_CLUSTER_SETTINGS: Readonly<Record<string, string | boolean | number>> = {
  'plugins.ml_commons.only_run_on_ml_node': false,
  'plugins.ml_commons.allow_registering_model_via_url': true,
  // Chunked upload (`_register_meta`, `upload_chunk`) is gated by its own setting, also off by default.
  'plugins.ml_commons.allow_registering_model_via_local_file': true,
};
