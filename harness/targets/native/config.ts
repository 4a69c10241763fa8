/**
 * Per-run configuration. Each run copies the install's config dir and points OPENSEARCH_PATH_CONF at the copy, so the
 * shared install stays read-only and two runs (different versions or ports) never touch each other's files.
 */
import { appendFile, cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atLeast } from './versions.ts';

export type SettingValue = string | number | boolean;

export interface NodeConfig {
  readonly version: string;
  readonly clusterName: string;
  readonly nodeName: string;
  readonly httpPort: number;
  readonly transportPort: number;
  readonly dataDir: string;
  readonly logsDir: string;
  /** Added last, so they can override the defaults below. */
  readonly extraSettings?: Readonly<Record<string, SettingValue>>;
}

/** The CI-safe settings of ml-commons-behavior.md §7, keyed by version where a setting does not exist everywhere. */
export function nodeSettings(config: NodeConfig): Record<string, SettingValue> {
  const settings: Record<string, SettingValue> = {
    'cluster.name': config.clusterName,
    'node.name': config.nodeName,
    'discovery.type': 'single-node',
    'network.host': '127.0.0.1',
    'http.port': config.httpPort,
    'transport.port': config.transportPort,
    'path.data': config.dataDir,
    'path.logs': config.logsDir,
    // CI disks can be nearly full; watermarks would block index creation (ML Commons system indices included).
    'cluster.routing.allocation.disk.threshold_enabled': false,
    'plugins.ml_commons.only_run_on_ml_node': false,
    'plugins.ml_commons.allow_registering_model_via_url': true,
    // Chunked upload: its own gate, off by default (upload-facts: 400 on both endpoints until it is on).
    'plugins.ml_commons.allow_registering_model_via_local_file': true,
    'plugins.ml_commons.jvm_heap_memory_threshold': 100,
    'plugins.ml_commons.native_memory_threshold': 100,
    // A fresh data dir per run: nothing should be redeployed from a previous life of the node.
    'plugins.ml_commons.model_auto_redeploy.enable': false,
  };
  // The setting only exists from 2.16; an unknown setting in opensearch.yml stops the node at startup.
  if (atLeast(config.version, '2.16.0')) {
    settings['plugins.ml_commons.disk_free_space_threshold'] = 0;
  }
  return { ...settings, ...config.extraSettings };
}

/** YAML lines; strings are JSON-quoted (valid YAML), so paths with spaces or colons are safe. */
export function renderOpenSearchYml(config: NodeConfig): string {
  const lines = Object.entries(nodeSettings(config)).map(
    ([key, value]) => `${key}: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
  );
  return `\n# --- written by opensearch-ml-conformance (harness/targets/native) ---\n${lines.join('\n')}\n`;
}

/**
 * bin/opensearch-env cd's into the install home, so jvm.options' relative `logs/…` and `HeapDumpPath=data` would
 * write into the shared (read-only for `nobody`) install. Point them into this run's dirs instead.
 */
export function rewriteJvmOptions(text: string, logsDir: string, runDir: string): string {
  return text
    .replace(/([=:])logs\//g, `$1${logsDir}/`)
    .replace(/-XX:HeapDumpPath=data\b/g, `-XX:HeapDumpPath=${runDir}`);
}

export async function writeRunConfig(
  installHome: string,
  configDir: string,
  runDir: string,
  config: NodeConfig,
): Promise<void> {
  await cp(join(installHome, 'config'), configDir, { recursive: true });
  await appendFile(join(configDir, 'opensearch.yml'), renderOpenSearchYml(config));
  const jvmOptions = join(configDir, 'jvm.options');
  await writeFile(jvmOptions, rewriteJvmOptions(await readFile(jvmOptions, 'utf8'), config.logsDir, runDir));
}
