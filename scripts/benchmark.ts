/**
 * Measures what the README reports: the offline projects' wall time (median of 3), one lifecycle's overhead on a
 * native node (harness vs a plain loop polling every 5 ms vs the seed tutorials' 10 s loop, and what polling costs
 * the node), native cold and warm start per version, and the live projects' wall time. Results go to
 * reports/benchmark.json and a Markdown table on stdout. Meaningful only on a quiet machine; it starts native nodes,
 * so run it under the live lock:
 *
 *   flock /tmp/omlc-live.lock npx node scripts/benchmark.ts               # everything, default versions
 *   flock /tmp/omlc-live.lock npx node scripts/benchmark.ts --skip-live   # offline ×3 + lifecycle overhead only
 *   npx node scripts/benchmark.ts --skip-live --skip-overhead              # offline only (no node started)
 *   flock /tmp/omlc-live.lock npx node scripts/benchmark.ts --cold        # also cold starts (empty caches)
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
import { startArtifactServer } from '../harness/artifacts/artifact-server.ts';
import { loadCards } from '../harness/models/load-cards.ts';
import { newRunId } from '../harness/lifecycle/run-id.ts';
import { LIFECYCLE_PHASES } from '../harness/lifecycle/phase-timer.ts';
import {
  harnessLifecycle,
  plainLifecycle,
  pollingCost,
  type LifecycleSample,
  type Phase,
} from './benchmark/lifecycle-overhead.ts';

const { values } = parseArgs({
  options: {
    cold: { type: 'boolean', default: false },
    versions: { type: 'string' },
    'offline-runs': { type: 'string', default: '3' },
    'skip-live': { type: 'boolean', default: false },
    'skip-overhead': { type: 'boolean', default: false },
    'skip-seed': { type: 'boolean', default: false },
    'overhead-version': { type: 'string', default: '3.6.0' },
    'overhead-runs': { type: 'string', default: '5' },
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

const TINY_CARDS = 'tiny-onnx-sym,tiny-torchscript,tiny-onnx-asym';
const offlineRuns = Number.parseInt(values['offline-runs'], 10);
const offline: number[] = [];
for (let i = 0; i < offlineRuns; i += 1) {
  const run = vitest(['--project', 'offline:*'], {
    ML_TARGET: 'none',
    // The goal's scope (4 profiles × 7 suites × the 3 committed tiny cards); the real-model cards are timed apart.
    ML_CARDS: TINY_CARDS,
    OMLC_REPORTS_DIR: path.join(tmpdir(), 'omlc-bench'),
  });
  if (!run.ok) {
    throw new Error('the offline projects failed; fix them before benchmarking');
  }
  offline.push(run.ms);
}
offline.sort((a, b) => a - b);
results['offline projects (tiny cards), median wall time (s)'] = seconds(offline[Math.floor(offline.length / 2)] ?? 0);
results['offline projects (tiny cards), runs'] = offline.map(seconds).join(', ');
if (offlineRuns > 0) {
  const all = vitest(['--project', 'offline:*'], {
    ML_TARGET: 'none',
    OMLC_REPORTS_DIR: path.join(tmpdir(), 'omlc-bench'),
  });
  results['offline projects with every card (incl. prepared real models), one run (s)'] =
    `${seconds(all.ms)}${all.ok ? '' : ' (FAILED)'}`;
}

function median(samples: readonly LifecycleSample[]): LifecycleSample {
  const sorted = [...samples].sort((a, b) => a.ms - b.ms);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) {
    throw new Error('no samples');
  }
  return middle;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function phaseMedian(samples: readonly LifecycleSample[], phase: Phase): number {
  return Math.round(medianOf(samples.map((sample) => sample.phases[phase] ?? 0)));
}

async function lifecycleOverhead(version: string, runs: number): Promise<void> {
  const card = loadCards().find((c) => c.id === 'tiny-onnx-sym');
  if (card === undefined || card.artifact.kind !== 'file') {
    throw new Error('the overhead benchmark uses the committed tiny-onnx-sym card');
  }
  const cluster = await startNativeCluster({ version, config: runConfig(), onProgress: (line) => console.error(line) });
  const artifacts = await startArtifactServer();
  try {
    const published = await artifacts.publish(card.artifact.path, card.artifact.sha256);
    const target = { baseUrl: cluster.baseUrl, artifactUrl: published.url, card, runId: newRunId(new Date()) };
    // One untimed round each first: the node loads the model class, the JIT warms up, the harness learns task times.
    await plainLifecycle(target, 5);
    await harnessLifecycle(target);
    const harness: LifecycleSample[] = [];
    const tight: LifecycleSample[] = [];
    for (let i = 0; i < runs; i += 1) {
      // Interleaved, so both see the same node state (segments, caches, GC) on average.
      harness.push(await harnessLifecycle(target));
      tight.push(await plainLifecycle(target, 5));
    }
    const h = median(harness);
    const t = median(tight);
    const label = `native ${version}, one lifecycle of tiny-onnx-sym`;
    results[`${label}: harness, median of ${runs} (ms)`] = Math.round(h.ms);
    results[`${label}: plain loop polling every 5 ms, median of ${runs} (ms)`] = Math.round(t.ms);
    results[`${label}: harness ÷ 5 ms loop (goal ≤ 1.15)`] = Math.round((h.ms / t.ms) * 100) / 100;
    results[`${label}: polls, harness / 5 ms loop`] = `${h.polls} / ${t.polls}`;
    // Where a difference comes from: each phase's median over the runs, harness / loop (the harness's phases leave
    // out its own work between them, reported as the rest).
    for (const phase of LIFECYCLE_PHASES) {
      results[`${label}: phase ${phase}, median (ms): harness / 5 ms loop`] =
        `${phaseMedian(harness, phase)} / ${phaseMedian(tight, phase)}`;
    }
    results[`${label}: harness outside its phases, median (ms)`] = Math.round(
      medianOf(harness.map((sample) => sample.ms - Object.values(sample.phases).reduce((a, b) => a + b, 0))),
    );
    if (!values['skip-seed']) {
      const seed = await plainLifecycle(target, 10_000);
      results[`${label}: the seed tutorials' loop (10 s sleeps) (ms)`] = Math.round(seed.ms);
    }
    const taskPath = t.taskPath ?? '/_plugins/_ml/tasks/none';
    for (const pollMs of [5, 50]) {
      const cost = await pollingCost(cluster.baseUrl, cluster.pid, taskPath, pollMs);
      results[`${label}: polling one task every ${pollMs} ms: requests/s, node CPU ms/s`] =
        `${Math.round(cost.requestsPerSecond)}, ${Math.round(cost.cpuMsPerSecond)}`;
    }
  } finally {
    await artifacts.close();
    await cluster.stop();
  }
}

if (!values['skip-overhead']) {
  await lifecycleOverhead(values['overhead-version'], Number.parseInt(values['overhead-runs'], 10));
}

// --skip-live: no native starts and no live projects (the overhead measurement starts its own node).
for (const version of values['skip-live'] ? [] : versions) {
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
  {
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
