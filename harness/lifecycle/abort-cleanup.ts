/**
 * Ctrl-C in the middle of a deploy must not leave a model loaded on a shared cluster. On SIGINT/SIGTERM (or when an
 * AbortSignal fires) the ledger is released once; for signals the process then gets the signal again with our
 * handler removed, so it ends the way it would have without us (exit status 128+n). A second signal during cleanup
 * exits at once.
 */
import { errorMessage } from '../errors/error-message.ts';
import { constants } from 'node:os';
import type { ResourceLedger } from './resource-ledger.ts';

/** The slice of `process` used here, injectable so tests never kill the worker. */
export interface SignalProcess {
  readonly pid: number;
  on(event: NodeJS.Signals, listener: () => void): unknown;
  off(event: NodeJS.Signals, listener: () => void): unknown;
  kill(pid: number, signal: NodeJS.Signals): unknown;
  exit(code: number): unknown;
}

export interface AbortCleanupOptions {
  /** Default `['SIGINT', 'SIGTERM']`. */
  readonly signals?: readonly NodeJS.Signals[];
  readonly abortSignal?: AbortSignal;
  readonly process?: SignalProcess;
  readonly log?: (line: string) => void;
  /** Called when cleanup is done (after a signal: right before re-raising it). */
  readonly onCleaned?: (error: unknown) => void;
}

export type Uninstall = () => void;

export function installAbortCleanup(
  ledger: Pick<ResourceLedger, 'releaseAll' | 'pending'>,
  options: AbortCleanupOptions = {},
): Uninstall {
  const proc = options.process ?? process;
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const log = options.log ?? ((line: string) => console.error(line));
  let cleaning: Promise<void> | undefined;

  const cleanup = (cause: string): Promise<void> => {
    cleaning ??= (async () => {
      log(`${cause}: releasing ${ledger.pending.length} resource(s) created by this run…`);
      let failure: unknown;
      try {
        await ledger.releaseAll();
        log('cleanup done');
      } catch (error) {
        failure = error;
        log(`cleanup incomplete: ${errorMessage(error)}`);
      }
      options.onCleaned?.(failure);
    })();
    return cleaning;
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (cleaning !== undefined) {
      log(`${signal} again: exiting without finishing cleanup`);
      uninstall();
      proc.exit(128 + signalNumber(signal));
      return;
    }
    void cleanup(signal).then(() => {
      uninstall();
      proc.kill(proc.pid, signal);
    });
  };

  const onAbort = (): void => {
    void cleanup('aborted');
  };

  // One listener per signal: `process.emit(signal)` (tests, other libraries) does not pass the signal name along.
  const listeners = signals.map((signal) => [signal, () => onSignal(signal)] as const);

  function uninstall(): void {
    for (const [signal, listener] of listeners) {
      proc.off(signal, listener);
    }
    options.abortSignal?.removeEventListener('abort', onAbort);
  }

  for (const [signal, listener] of listeners) {
    proc.on(signal, listener);
  }
  if (options.abortSignal?.aborted === true) {
    onAbort();
  } else {
    options.abortSignal?.addEventListener('abort', onAbort, { once: true });
  }
  return uninstall;
}

function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal] ?? 1;
}
