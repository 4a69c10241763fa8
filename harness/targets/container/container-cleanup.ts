/**
 * Removing the harness's containers without Ryuk. testcontainers' reaper (Ryuk) removes a session's containers when
 * its process dies, but it is an image pulled from Docker Hub and needs a mapped port, so it cannot run offline or on a
 * daemon without a bridge (`--bridge=none`). With `TESTCONTAINERS_RYUK_DISABLED=true` the harness removes its own:
 *  - normally in the project's teardown (`stop()`);
 *  - on SIGINT/SIGTERM, synchronously, before Vitest ends the process (it does so within a millisecond, so async work
 *    would never finish), through a short child process;
 *  - after a SIGKILL (no handler runs): the next start on this host removes running containers whose owner process is
 *    gone (labels below).
 * Reused containers are never removed here: keeping them is their point.
 */
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import type { ContainerRuntimeClient } from 'testcontainers';
import { processAlive } from '../native/fsutil.ts';
import { inheritedEnv } from '../../config/inherited-env.ts';
import { errorMessage } from '../../errors/error-message.ts';

const PREFIX = 'org.opensearch-ml-conformance';
export const CONTAINER_LABELS = {
  managed: `${PREFIX}.managed`,
  ownerPid: `${PREFIX}.owner-pid`,
  ownerHost: `${PREFIX}.owner-host`,
  /** Identifies the container a later run may reuse (host networking: it also remembers the ports). */
  reuseKey: `${PREFIX}.reuse-key`,
  httpPort: `${PREFIX}.http-port`,
  transportPort: `${PREFIX}.transport-port`,
} as const;

const CHILD = path.join(import.meta.dirname, 'remove-containers-child.ts');
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** Labels of a throwaway container: who started it, so an abandoned one can be recognised. */
export function ownerLabels(pid = process.pid, host = hostname()): Record<string, string> {
  return {
    [CONTAINER_LABELS.managed]: 'true',
    [CONTAINER_LABELS.ownerPid]: String(pid),
    [CONTAINER_LABELS.ownerHost]: host,
  };
}

const tracked = new Map<string, (line: string) => void>();
let installed = false;

function removeTrackedNow(reason: string): void {
  if (tracked.size === 0) {
    return;
  }
  const entries = [...tracked];
  tracked.clear();
  const ids = entries.map(([id]) => id);
  const result = spawnSync(process.execPath, [CHILD], {
    input: JSON.stringify(ids),
    env: inheritedEnv(),
    encoding: 'utf8',
    timeout: 20_000,
  });
  const output = `${result.stdout}${result.stderr}`.trim();
  for (const [id, log] of entries) {
    log(
      result.status === 0
        ? `${reason}: removed container ${id.slice(0, 12)}`
        : `${reason}: could not remove container ${id.slice(0, 12)} (${output || 'no output'}); docker rm -f ${id.slice(0, 12)}`,
    );
  }
}

function install(): void {
  if (installed) {
    return;
  }
  installed = true;
  for (const signal of SIGNALS) {
    const onSignal = (): void => {
      removeTrackedNow(signal);
      // Keep the signal's default meaning (terminate) when nobody else (Vitest) handles it.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    // Ahead of Vitest's own handler, which schedules the process exit.
    process.prependListener(signal, onSignal);
  }
  process.once('exit', () => removeTrackedNow('exit'));
}

/** Removes the container if this process is interrupted or exits before `release()` (called after a normal stop). */
export function removeOnInterrupt(id: string, log: (line: string) => void): () => void {
  install();
  tracked.set(id, log);
  return () => {
    tracked.delete(id);
  };
}

export interface AbandonedContainer {
  readonly id: string;
  readonly pid: number;
}

/** Running containers this harness started on this host whose owner process no longer exists. */
export function findAbandoned(
  containers: readonly { Id: string; Labels: Readonly<Record<string, string>> }[],
  host = hostname(),
  alive: (pid: number) => boolean = processAlive,
): AbandonedContainer[] {
  return containers.flatMap((container) => {
    const labels = container.Labels;
    const pid = Number(labels[CONTAINER_LABELS.ownerPid]);
    const ours = labels[CONTAINER_LABELS.managed] === 'true' && labels[CONTAINER_LABELS.ownerHost] === host;
    return ours && Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)
      ? [{ id: container.Id, pid }]
      : [];
  });
}

export async function sweepAbandoned(
  client: Pick<ContainerRuntimeClient, 'container'>,
  log: (line: string) => void,
): Promise<void> {
  const abandoned = findAbandoned(await client.container.list());
  for (const { id, pid } of abandoned) {
    try {
      await client.container.getById(id).remove({ force: true, v: true });
      log(`removed container ${id.slice(0, 12)} left running by an earlier run (process ${pid} is gone)`);
    } catch (error) {
      log(`could not remove abandoned container ${id.slice(0, 12)}: ${errorMessage(error)}`);
    }
  }
}
