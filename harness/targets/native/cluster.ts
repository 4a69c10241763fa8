/**
 * `startNativeCluster`: a single-node OpenSearch + ML Commons from Maven Central artifacts, offline-capable for ONNX
 * and TorchScript. Every start gets a fresh run dir (config, data, logs); the data dir is removed on stop, logs stay —
 * unless the caller passes a data dir to keep, which is how a full-cluster-restart upgrade is rehearsed.
 */
import { runConfig, type RunConfig } from '../../config/run-config.ts';
import { errorMessage } from '../../errors/error-message.ts';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { NativeTargetError, throwIfAborted } from './errors.ts';
import { writeRunConfig, type SettingValue } from './config.ts';
import { formatSeconds } from './exec.ts';
import { chownTree, firstUntraversable, mkdirShared, pathExists, processAlive } from './fsutil.ts';
import { seedLibtorch } from './libtorch.ts';
import type { ProgressFn } from './maven.ts';
import { lookupRunAsUser, resolveNativePaths, runningAsRoot, type NativePaths, type RunAsUser } from './paths.ts';
import { prepareNativeVersion, type PreparedVersion } from './prepare.ts';
import { readTail, spawnNode, type NodeProcess } from './process.ts';
import { waitForReady } from './readiness.ts';
import {
  configureSecuredRun,
  prepareSecuredVersion,
  type NativeSecurityOptions,
  type SecuredAccess,
} from './secured-run.ts';
import { DEFAULT_NATIVE_VERSION } from './versions.ts';

export interface StartNativeOptions {
  /** OpenSearch version, default {@link DEFAULT_NATIVE_VERSION}. */
  readonly version?: string;
  /** One line per step (downloads, install, start); default: silent. */
  readonly onProgress?: ProgressFn;
  readonly signal?: AbortSignal;
  /** Deadline for `GET /` + yellow health, default 180 s. */
  readonly readyTimeoutMs?: number;
  /** JVM heap, default `2g`. */
  readonly heap?: string;
  /** Extra opensearch.yml settings (override the CI defaults). */
  readonly extraSettings?: Readonly<Record<string, SettingValue>>;
  /** Run dirs to keep (logs) before older ones are pruned, default 10. */
  readonly keepRuns?: number;
  readonly config?: RunConfig;
  /**
   * Start with the security plugin: TLS on HTTP and transport (a PKI made for this run), basic auth with a generated
   * admin password. Only for versions whose security zip Maven Central serves and that have an ML Commons zip: 2.19.1.
   */
  readonly security?: NativeSecurityOptions;
  /**
   * Use this data dir instead of a fresh one in the run dir, and keep it on stop: a later start on it — of the same or
   * a newer version — finds the cluster state, the ML Commons indices and `ml_cache` again, exactly as a node does
   * after a full-cluster restart. Created when missing. The cluster name is derived from the dir (a real upgrade keeps
   * `cluster.name`), and the version's own libtorch is seeded next to whatever an older version left there.
   */
  readonly dataDir?: string;
}

export interface NativeCluster {
  readonly baseUrl: string;
  /** Version reported by `GET /`. */
  readonly version: string;
  readonly distribution: string;
  readonly pid: number;
  readonly runDir: string;
  readonly logsDir: string;
  /** `path.data`; removed on stop unless it was passed in {@link StartNativeOptions.dataDir}. */
  readonly dataDir: string;
  /** Set for a secured start: credentials and certificates to reach `baseUrl` (https). */
  readonly security?: SecuredAccess;
  /**
   * Resolves when the node exits without `stop()` having been asked (killed, crashed, out of memory), with how it
   * ended; never resolves otherwise. The run watches it to abort at once instead of failing on refused connections.
   */
  readonly died: Promise<NodeExit>;
  /**
   * Stops the node (SIGTERM, SIGKILL after 30 s) and removes its data dir (a kept one stays, see
   * {@link StartNativeOptions.dataDir}); logs are kept for diagnosis unless
   * `removeRunDir` (an interrupted run leaves nothing behind). Idempotent.
   */
  stop(options?: { readonly removeRunDir?: boolean }): Promise<void>;
  /** The last lines of the node's console log. */
  logTail(lines?: number): Promise<string>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface NodeExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** `exit code 137` or `killed by SIGKILL`. */
  readonly how: string;
  readonly consoleLog: string;
}

export async function startNativeCluster(options: StartNativeOptions = {}): Promise<NativeCluster> {
  const version = options.version ?? DEFAULT_NATIVE_VERSION;
  const config = options.config ?? runConfig();
  const progress: ProgressFn = (line) => options.onProgress?.(`[native ${version}] ${line}`);
  const paths = resolveNativePaths(config);
  const started = Date.now();
  const plain = await prepareNativeVersion({ version, paths, config, onProgress: progress, signal: options.signal });
  const prepared =
    options.security === undefined
      ? plain
      : await prepareSecuredVersion({ prepared: plain, paths, config, onProgress: progress, signal: options.signal });
  const runAs = runningAsRoot() ? await lookupRunAsUser() : undefined;
  if (runAs !== undefined) {
    const blocked = await firstUntraversable(paths.workDir, runAs.uid, runAs.gid);
    if (blocked !== undefined) {
      throw new NativeTargetError(
        'work-dir-not-accessible',
        `OpenSearch runs as ${runAs.name} (it refuses root), but ${blocked} cannot be traversed by that user, so it ` +
          `cannot read ${paths.workDir}; set OMLC_WORK_DIR to a directory every user can reach (default ` +
          `/var/tmp/opensearch-ml-conformance) or chmod o+x ${blocked}`,
      );
    }
  }
  await pruneRuns(paths, options.keepRuns ?? 10);
  // A free port can be taken between our probe and the JVM's bind; one retry with new ports covers that race.
  for (let attempt = 1; ; attempt++) {
    try {
      const cluster = await startOnce(prepared, paths, runAs, options, progress);
      progress(
        `ready at ${cluster.baseUrl} (pid ${cluster.pid}) after ${formatSeconds(Date.now() - started)}; logs: ${cluster.logsDir}`,
      );
      return cluster;
    } catch (error) {
      if (attempt >= 2 || !(error instanceof PortTakenError)) {
        throw error;
      }
      progress('port taken during startup, retrying with new ports');
    }
  }
}

class PortTakenError extends NativeTargetError {}

/** Written into each run dir: lets `pruneRuns` (possibly in another process) see that the node is alive. */
const RUN_INFO = 'run.json';

async function startOnce(
  prepared: PreparedVersion,
  paths: NativePaths,
  runAs: RunAsUser | undefined,
  options: StartNativeOptions,
  progress: ProgressFn,
): Promise<NativeCluster> {
  const { version } = prepared;
  throwIfAborted(options.signal);
  const runId = `${version}-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${Math.random().toString(36).slice(2, 6)}`;
  const runDir = join(paths.runsDir, runId);
  const keptData = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  const dirs = {
    config: join(runDir, 'config'),
    data: keptData ?? join(runDir, 'data'),
    logs: join(runDir, 'logs'),
    tmp: join(runDir, 'tmp'),
  };
  await mkdirShared(paths.runsDir);
  for (const dir of Object.values(dirs)) {
    await mkdirShared(dir);
  }
  const [httpPort, transportPort] = await freePorts(2);
  await writeRunConfig(prepared.install.home, dirs.config, runDir, {
    version,
    clusterName: `omlc-native-${keptData === undefined ? runId : basename(keptData)}`,
    nodeName: 'omlc-node',
    httpPort,
    transportPort,
    dataDir: dirs.data,
    logsDir: dirs.logs,
    extraSettings: options.extraSettings,
  });
  const secured =
    options.security === undefined ? undefined : await configureSecuredRun(dirs.config, prepared, options.security);
  const seeded = await seedLibtorch(prepared.libtorchDir, dirs.data, prepared.line.pytorchVersion);
  if (runAs !== undefined) {
    // Seeded files are hard links to the shared prepared dir: leave their owner alone (the node only reads them).
    // A kept data dir may also hold an older version's seeded libtorch, a sibling of `seeded`.
    const isSeeded = (p: string): boolean => dirname(dirname(p)) === dirname(seeded);
    await chownTree(runDir, runAs.uid, runAs.gid, isSeeded);
    if (keptData !== undefined && relative(runDir, keptData).startsWith('..')) {
      await chownTree(keptData, runAs.uid, runAs.gid, isSeeded);
    }
  }
  const node = await spawnNode({
    home: prepared.install.home,
    configDir: dirs.config,
    jdkHome: prepared.jdk.home,
    runDir,
    logsDir: dirs.logs,
    // 1 GB trips the parent circuit breaker (429 "Data too large") with both MiniLM models and the neural checks.
    heap: options.heap ?? '2g',
    runAs,
  });
  const baseUrl = `${secured === undefined ? 'http' : 'https'}://127.0.0.1:${httpPort}`;
  await writeFile(
    join(runDir, RUN_INFO),
    `${JSON.stringify({ pid: node.pid, version, baseUrl, dataDir: dirs.data, startedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  progress(
    `starting pid ${node.pid} on ${baseUrl}${runAs === undefined ? '' : ` as ${runAs.name}`}; run dir ${runDir}`,
  );
  try {
    const ready = await waitForReady(baseUrl, node, {
      timeoutMs: options.readyTimeoutMs ?? 180_000,
      signal: options.signal,
      ...(secured === undefined ? {} : { fetchFn: secured.fetchFn }),
    });
    if (ready.version !== version) {
      throw new NativeTargetError(
        'start-failed',
        `expected OpenSearch ${version}, but ${baseUrl} reports ${ready.version}`,
      );
    }
    return makeCluster(
      baseUrl,
      ready,
      node,
      runDir,
      { ...dirs, keep: keptData !== undefined },
      progress,
      secured?.access,
    );
  } catch (error) {
    await node.stop(10_000);
    const tail = await readTail(node.consoleLog, 60);
    if (keptData === undefined) {
      await rm(dirs.data, { recursive: true, force: true });
    }
    const message = errorMessage(error);
    const full = `${message}\n--- last lines of ${node.consoleLog} ---\n${tail}\n--- logs kept in ${dirs.logs} ---`;
    if (/BindException|Address already in use/.test(tail)) {
      throw new PortTakenError('start-failed', full, { cause: error });
    }
    throw new NativeTargetError(error instanceof NativeTargetError ? error.code : 'start-failed', full, {
      cause: error,
    });
  }
}

function makeCluster(
  baseUrl: string,
  ready: { version: string; distribution: string },
  node: NodeProcess,
  runDir: string,
  dirs: { data: string; logs: string; keep: boolean },
  progress: ProgressFn,
  security: SecuredAccess | undefined,
): NativeCluster {
  let stopping: Promise<void> | undefined;
  const stop = (options: { readonly removeRunDir?: boolean } = {}): Promise<void> => {
    stopping ??= (async () => {
      const t0 = Date.now();
      const wasRunning = !node.hasExited();
      await node.stop(30_000);
      if (options.removeRunDir === true) {
        await rm(runDir, { recursive: true, force: true });
      } else if (!dirs.keep) {
        await rm(dirs.data, { recursive: true, force: true });
      }
      const what = wasRunning
        ? `stopped pid ${node.pid} in ${formatSeconds(Date.now() - t0)}`
        : `pid ${node.pid} had exited`;
      const kept = dirs.keep ? `, data kept in ${dirs.data}` : '';
      progress(
        `${what}; ${options.removeRunDir === true ? `run dir ${runDir} removed` : `logs kept in ${dirs.logs}`}${kept}`,
      );
    })();
    return stopping;
  };
  const died = node.exited.then(({ code, signal }) =>
    stopping === undefined
      ? {
          code,
          signal,
          how: signal === null ? `exit code ${String(code)}` : `killed by ${signal}`,
          consoleLog: node.consoleLog,
        }
      : new Promise<NodeExit>(() => undefined),
  );
  return {
    died,
    baseUrl,
    version: ready.version,
    distribution: ready.distribution,
    pid: node.pid,
    runDir,
    logsDir: dirs.logs,
    dataDir: dirs.data,
    ...(security === undefined ? {} : { security }),
    stop,
    logTail: (lines = 100) => readTail(node.consoleLog, lines),
    [Symbol.asyncDispose]: stop,
  };
}

/** Asks the kernel for free loopback ports (bind to 0), all held open together so they are distinct. */
export async function freePorts(count: number): Promise<[number, number]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => {
    const address = s.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  });
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return [ports[0] ?? 0, ports[1] ?? 0];
}

/** Keeps the newest `keep` run dirs (for their logs), never one whose node is still running (another process's). */
async function pruneRuns(paths: NativePaths, keep: number): Promise<void> {
  await mkdir(paths.runsDir, { recursive: true });
  const runs = (await readdir(paths.runsDir)).filter((n) => !n.startsWith('.'));
  const byAge = runs
    .map((name) => ({ name, stamp: name.split('-').slice(-2, -1)[0] ?? '' }))
    .sort((a, b) => a.stamp.localeCompare(b.stamp));
  for (const run of byAge.slice(0, Math.max(0, byAge.length - keep))) {
    const dir = join(paths.runsDir, run.name);
    if (!(await runIsLive(dir))) {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

async function runIsLive(runDir: string): Promise<boolean> {
  try {
    const info = JSON.parse(await readFile(join(runDir, RUN_INFO), 'utf8')) as { pid?: number; dataDir?: string };
    const dataDir = info.dataDir ?? join(runDir, 'data');
    return typeof info.pid === 'number' && processAlive(info.pid) && (await pathExists(dataDir));
  } catch {
    return false;
  }
}
