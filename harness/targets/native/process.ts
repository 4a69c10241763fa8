/**
 * Starting and stopping the OpenSearch JVM. Console output goes straight to a file (the node's stdout is inherited as
 * a file descriptor), so logs survive even if this Node process dies, and nothing is buffered in memory. The JVM runs
 * in its own process group: a terminal's Ctrl-C reaches the whole foreground group, and the node must outlive it
 * until the run has released what it created on it (the run's teardown stops it; `--pdeathsig` and the exit hook
 * below stop it if this process dies first).
 */
import { inheritedEnv } from '../../config/inherited-env.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { NativeTargetError } from './errors.ts';
import { findOnPath } from './exec.ts';
import type { RunAsUser } from './paths.ts';

export interface SpawnNodeOptions {
  readonly home: string;
  readonly configDir: string;
  readonly jdkHome: string;
  readonly runDir: string;
  readonly logsDir: string;
  /** JVM heap, e.g. `1g` (neural-search found 512m trips ML Commons' memory breaker). */
  readonly heap: string;
  /** Set when we are root: OpenSearch refuses to run as root. */
  readonly runAs?: RunAsUser;
}

export interface NodeProcess {
  readonly pid: number;
  readonly consoleLog: string;
  /** Resolves when the JVM has exited (never rejects). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

/** Variables that would change which JVM, settings or libtorch the node uses behind our back. */
const SCRUBBED_ENV = /^(OPENSEARCH_|ES_|PYTORCH_|DJL_|ENGINE_CACHE_DIR$|JAVA_TOOL_OPTIONS$|_JAVA_OPTIONS$)/;

export function nodeEnvironment(
  options: SpawnNodeOptions,
  base: NodeJS.ProcessEnv = inheritedEnv(),
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (!SCRUBBED_ENV.test(key)) {
      env[key] = value;
    }
  }
  return {
    ...env,
    JAVA_HOME: options.jdkHome,
    OPENSEARCH_JAVA_HOME: options.jdkHome,
    OPENSEARCH_PATH_CONF: options.configDir,
    OPENSEARCH_JAVA_OPTS: `-Xms${options.heap} -Xmx${options.heap}`,
    OPENSEARCH_TMPDIR: join(options.runDir, 'tmp'),
    // `nobody` cannot read /root; Java otherwise warns about an unreadable user.home.
    ...(options.runAs === undefined ? {} : { HOME: options.runDir }),
  };
}

/**
 * Command line: through `setpriv --pdeathsig TERM` when available, so the kernel stops the JVM if this process dies
 * without running its exit hooks (verified to survive setpriv → bash → exec java, including the uid change).
 */
async function nodeCommand(options: SpawnNodeOptions): Promise<{ command: string; args: string[] }> {
  const opensearch = join(options.home, 'bin', 'opensearch');
  const setpriv = await findOnPath('setpriv');
  if (setpriv === undefined) {
    if (options.runAs !== undefined) {
      throw new NativeTargetError(
        'start-failed',
        'running as root, but setpriv (util-linux) is missing; OpenSearch refuses to run as root and setpriv is how we ' +
          `switch to "${options.runAs.name}" (apt-get install -y util-linux), or run as a non-root user`,
      );
    }
    return { command: opensearch, args: [] };
  }
  const user =
    options.runAs === undefined
      ? []
      : [`--reuid=${options.runAs.uid}`, `--regid=${options.runAs.gid}`, '--clear-groups'];
  return { command: setpriv, args: ['--pdeathsig', 'TERM', ...user, opensearch] };
}

export async function spawnNode(options: SpawnNodeOptions): Promise<NodeProcess> {
  const { command, args } = await nodeCommand(options);
  const consoleLog = join(options.logsDir, 'console.log');
  const fd = openSync(consoleLog, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: options.runDir,
      env: nodeEnvironment(options),
      stdio: ['ignore', fd, fd],
      detached: true,
    });
  } finally {
    closeSync(fd);
  }
  const pid = child.pid;
  if (pid === undefined) {
    const error = await new Promise<Error>((resolve) => child.once('error', resolve));
    throw new NativeTargetError('start-failed', `could not start ${command}: ${error.message}`, { cause: error });
  }
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      liveNodes.delete(handle);
      resolve({ code, signal });
    });
  });
  // Spawn errors after start (rare) surface through `exit`; without a listener they would crash the process.
  child.on('error', () => undefined);
  const handle: NodeProcess = {
    pid,
    consoleLog,
    exited,
    hasExited: () => done,
    stop: async (graceMs = 30_000) => {
      if (done) {
        return;
      }
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  liveNodes.add(handle);
  installExitHooks();
  return handle;
}

/** Last `lines` lines of a (possibly large) log file, read from the end. */
export async function readTail(path: string, lines: number, maxBytes = 256 * 1024): Promise<string> {
  let file;
  try {
    file = await open(path, 'r');
  } catch {
    return `(no log at ${path})`;
  }
  try {
    const { size } = await file.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await file.read(buffer, 0, length, size - length);
    return buffer
      .toString('utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n')
      .trimEnd();
  } finally {
    await file.close();
  }
}

// --- stop every node we started when this process goes away -------------------------------------------------------

const liveNodes = new Set<NodeProcess>();
let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) {
    return;
  }
  hooksInstalled = true;
  // 'exit' cannot wait: ask the JVMs to shut down; they finish on their own (and pdeathsig backs this up).
  process.once('exit', () => {
    for (const node of liveNodes) {
      try {
        process.kill(node.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = (): void => {
      // Someone else owns this signal (the run's interrupt guard, a script's own handler): they stop the node when
      // they are done with it. Alone, keep the signal's default meaning — terminate — after stopping the nodes.
      if (process.listenerCount(signal) > 1) {
        return;
      }
      void Promise.allSettled([...liveNodes].map((n) => n.stop(10_000))).then(() => {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      });
    };
    process.on(signal, onSignal);
  }
}
