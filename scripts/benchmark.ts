/**
 * Measures what the README reports: the offline projects' wall time, native cold and warm start per version, and
 * the live projects' wall time. Results go to reports/benchmark.json and a Markdown table on stdout.
 *
 *   npx node scripts/benchmark.ts                 # offline ×3, warm start and live run per default version
 *   npx node scripts/benchmark.ts --cold          # also a cold start (empty caches: downloads + install + start)
 *   npx node scripts/benchmark.ts --versions 3.6.0 --offline-runs 5
 */
import { parseRunConfig, runConfig, type RunConfig } from '../harness/config/run-config.ts';
import { inheritedEnv } from '../harness/config/inherited-env.ts';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_LIVE_VERSIONS } from '../harness/targets/live/live-plan.ts';
import { startNativeCluster } from '../harness/targets/native/index.ts';

const { values } = parseArgs({
  options: {
    cold: { type: 'boolean', default: false },
    versions: { type: 'string' },
    'offline-runs': { type: 'string', default: '3' },
    'skip-live': { type: 'boolean', default: false },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const versions = values.versions?.split(',').map((v) => v.trim()) ?? [...DEFAULT_LIVE_VERSIONS];
const results: Record<string, number | string> = {};

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

function vitest(args: readonly string[], env: Record<string, string> = {}): { ms: number; ok: boolean } {
  const started = performance.now();
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args], {
    cwd: root,
    env: inheritedEnv(env),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { ms: performance.now() - started, ok: run.status === 0 };
}

async function timeStart(version: string, config: RunConfig): Promise<number> {
  const started = performance.now();
  const cluster = await startNativeCluster({ version, config, onProgress: (line) => console.error(line) });
  const ms = performance.now() - started;
  await cluster.stop();
  return ms;
}

const offlineRuns = Number.parseInt(values['offline-runs'], 10);
const offline: number[] = [];
for (let i = 0; i < offlineRuns; i += 1) {
  const run = vitest(['--project', 'offline:*'], {
    ML_TARGET: 'none',
    OMLC_REPORTS_DIR: path.join(tmpdir(), 'omlc-bench'),
  });
  if (!run.ok) {
    throw new Error('the offline projects failed; fix them before benchmarking');
  }
  offline.push(run.ms);
}
offline.sort((a, b) => a - b);
results['offline projects, median wall time (s)'] = seconds(offline[Math.floor(offline.length / 2)] ?? 0);
results['offline projects, runs'] = offline.map(seconds).join(', ');

for (const version of versions) {
  if (values.cold) {
    const scratch = mkdtempSync(path.join(tmpdir(), 'omlc-cold-'));
    const workDir = mkdtempSync(path.join('/var/tmp', 'omlc-cold-work-'));
    // OpenSearch runs as an unprivileged user when we are root: its work dir must be traversable (mkdtemp is 0700).
    chmodSync(workDir, 0o755);
    try {
      const cold = parseRunConfig(
        inheritedEnv({
          OMLC_CACHE_DIR: path.join(scratch, 'cache'),
          OMLC_WORK_DIR: workDir,
          OMLC_MVN_ARGS: `-Dmaven.repo.local=${path.join(scratch, 'm2')}`,
        }),
      );
      results[`native ${version} cold start (s)`] = seconds(await timeStart(version, cold));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      rmSync(workDir, { recursive: true, force: true });
    }
  }
  results[`native ${version} warm start (s)`] = seconds(await timeStart(version, runConfig()));
  if (!values['skip-live']) {
    const live = vitest(['--project', `live:${version}`], {
      ML_TARGET: 'native',
      OPENSEARCH_VERSIONS: version,
      OMLC_REPORTS_DIR: path.join(tmpdir(), 'omlc-bench'),
    });
    results[`live:${version} project wall time incl. warm start (s)`] = seconds(live.ms);
    results[`live:${version} passed`] = live.ok ? 'yes' : 'NO';
  }
}

mkdirSync(path.join(root, 'reports'), { recursive: true });
writeFileSync(
  path.join(root, 'reports/benchmark.json'),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), cores: (await import('node:os')).availableParallelism(), results }, null, 2)}\n`,
);
console.log('| measurement | value |\n|---|---|');
for (const [name, value] of Object.entries(results)) {
  console.log(`| ${name} | ${value} |`);
}
