/**
 * Restores changed cluster settings when the run is interrupted. On SIGINT/SIGTERM Vitest exits its main process
 * within a millisecond, long before an asynchronous restore could finish, so the restore runs synchronously in a
 * child process (`restore-settings-child.ts`) that gets the connection and the PUT body on its standard input
 * (never its command line, which other users can read).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TargetConnection } from '../target-info.ts';

export interface EmergencyRestorePayload {
  readonly connection: TargetConnection;
  /** `{"persistent":{…},"transient":{…}}` as printed for a manual restore. */
  readonly body: string;
}

const CHILD = path.join(import.meta.dirname, 'restore-settings-child.ts');
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** The part of `process` this needs (tests pass an EventEmitter). */
export interface SignalSource {
  prependListener(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/** Returns an uninstall function; call it once the normal restore has run. */
export function installEmergencyRestore(
  payload: EmergencyRestorePayload,
  log: (line: string) => void,
  signals: SignalSource = process,
): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    uninstall();
    log(`${signal}: restoring the cluster settings changed by this run…`);
    const result = spawnSync(process.execPath, [CHILD], {
      input: JSON.stringify(payload),
      encoding: 'utf8',
      timeout: 15_000,
    });
    const output = `${result.stdout}${result.stderr}`.trim();
    log(
      result.status === 0
        ? `${signal}: cluster settings restored`
        : `${signal}: could not restore the cluster settings (${output || 'no output'}); restore by hand: PUT _cluster/settings ${payload.body}`,
    );
  };
  const uninstall = (): void => {
    for (const signal of SIGNALS) {
      signals.off(signal, onSignal);
    }
  };
  // Ahead of Vitest's own handler, which schedules the process exit.
  for (const signal of SIGNALS) {
    signals.prependListener(signal, onSignal);
  }
  return uninstall;
}
