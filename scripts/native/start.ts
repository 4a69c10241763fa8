/**
 * Starts a native OpenSearch + ML Commons node and keeps it running until Ctrl-C, printing its URL.
 * Useful for debugging, and as a cluster for the `external` target (OPENSEARCH_URL=<printed url>).
 *
 *   npx node scripts/native/start.ts --version 2.19.6 [--timeout 180] [--heap 1g] [--prepare-only]
 *     [--setting key=value …]   (extra opensearch.yml lines; they override the CI settings, e.g.
 *                                --setting plugins.ml_commons.allow_registering_model_via_url=false)
 *
 * (`npx node` picks the project's Node 24, which runs TypeScript directly.)
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_NATIVE_VERSION,
  prepareNativeVersion,
  resolveNativePaths,
  startNativeCluster,
} from '../../harness/targets/native/index.ts';

const { values } = parseArgs({
  options: {
    version: { type: 'string', default: DEFAULT_NATIVE_VERSION },
    timeout: { type: 'string', default: '180' },
    heap: { type: 'string', default: '1g' },
    'prepare-only': { type: 'boolean', default: false },
    setting: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    'usage: node scripts/native/start.ts [--version X.Y.Z] [--timeout seconds] [--heap 1g] [--prepare-only] [--setting key=value …]',
  );
  process.exit(0);
}

/** `key=value` pairs; `true`/`false` and integers become YAML booleans/numbers, anything else a string. */
function extraSettings(pairs: readonly string[]): Record<string, string | number | boolean> {
  const settings: Record<string, string | number | boolean> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      console.error(`--setting ${pair}: expected key=value`);
      process.exit(2);
    }
    const raw = pair.slice(at + 1);
    settings[pair.slice(0, at)] =
      raw === 'true' ? true : raw === 'false' ? false : /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return settings;
}

const onProgress = (line: string): void => console.log(line);
const t0 = Date.now();
const controller = new AbortController();
const abortStart = (): void => controller.abort(new Error('interrupted'));
process.once('SIGINT', abortStart);

try {
  if (values['prepare-only']) {
    const prepared = await prepareNativeVersion({ version: values.version, paths: resolveNativePaths(), onProgress });
    console.log(`prepared OpenSearch ${prepared.version} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    process.exit(0);
  }
  const cluster = await startNativeCluster({
    version: values.version,
    onProgress,
    signal: controller.signal,
    readyTimeoutMs: Number(values.timeout) * 1000,
    heap: values.heap,
    extraSettings: extraSettings(values.setting),
  });
  process.removeListener('SIGINT', abortStart);
  console.log(`\nOpenSearch ${cluster.version} is running at ${cluster.baseUrl} (pid ${cluster.pid})`);
  console.log(`started in ${((Date.now() - t0) / 1000).toFixed(1)} s; logs: ${cluster.logsDir}`);
  console.log('Press Ctrl-C to stop.');
  const shutdown = (): void => {
    void cluster.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
