/**
 * Ctrl-C (SIGINT) or `kill`/`timeout` (SIGTERM) to Vitest's main process must end the run cleanly: every worker
 * releases what it created, the run-id sweep removes what was still being created, the audit runs, the reports say
 * `interrupted`, the native node stops. Left alone, Vitest's logger answers the first SIGINT/SIGTERM with
 * `process.exit()` one millisecond later (vitest 5 `Logger.addCleanupListeners`), and the watchdog it forks then
 * SIGKILLs the workers mid-request. So the first global setup of a run installs this guard, which takes the two
 * signals over:
 *
 * - first signal: the run is aborted (`abortRun`): the workers are told through Vitest's own cancellation
 *   (`cancelCurrentRun`: the running test's `ctx.signal` aborts, the rest is skipped, `afterAll` hooks still run) and
 *   through run-flags.ts; global setups still starting a cluster stop; teardowns sweep and audit; the process exits
 *   with 128 + the signal number once Vitest is done.
 * - every further signal: clean-up hurries — waits are cut to a few seconds — but every delete still runs. Only
 *   SIGKILL skips clean-up; `npx ml-conformance sweep` removes what that leaves.
 *
 * A terminal delivers one Ctrl-C to the whole process group, and `npx ml-conformance run` forwards signals to its
 * Vitest: the same signal twice within DUPLICATE_WINDOW_MS counts once.
 */
import { constants } from 'node:os';
import { abortRun, hurryRun, onRunAbort, runAbort, setRunCanceller } from './run-state.ts';
import { removeRunFlags, resetRunFlags, writeAbortFlag, writeHurryFlag } from './run-flags.ts';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const DUPLICATE_WINDOW_MS = 300;

/** The slice of `process` the guard uses; tests pass an EventEmitter. */
export interface GuardProcess {
  listeners(event: NodeJS.Signals): readonly unknown[];
  off(event: NodeJS.Signals, listener: (...args: unknown[]) => void): unknown;
  on(event: NodeJS.Signals | 'exit', listener: () => void): unknown;
  exitCode?: number | string | null | undefined;
}

export interface GuardOptions {
  readonly runId: string;
  /** Stops the test run (the project's `vitest.cancelCurrentRun`). */
  readonly cancel: (reason: 'keyboard-input' | 'test-failure') => void;
  readonly log?: (line: string) => void;
  readonly process?: GuardProcess;
  readonly now?: () => number;
}

const INSTALLED = Symbol.for('opensearch-ml-conformance.interrupt-guard');

export function installInterruptGuard(options: GuardOptions): void {
  const holder = globalThis as { [INSTALLED]?: string };
  if (holder[INSTALLED] === options.runId) {
    return;
  }
  holder[INSTALLED] = options.runId;
  const proc: GuardProcess = options.process ?? process;
  const log = options.log ?? ((line: string) => console.error(line));
  const now = options.now ?? Date.now;
  const { runId } = options;

  resetRunFlags(runId);
  setRunCanceller((kind) => options.cancel(kind === 'interrupted' ? 'keyboard-input' : 'test-failure'));
  onRunAbort((abort) => writeAbortFlag(runId, abort));

  let count = 0;
  let last: { signal: NodeJS.Signals; at: number } | undefined;
  let exitSignal: NodeJS.Signals | undefined;

  const onSignal = (signal: NodeJS.Signals): void => {
    const at = now();
    if (last?.signal === signal && at - last.at < DUPLICATE_WINDOW_MS) {
      return;
    }
    last = { signal, at };
    count += 1;
    if (count === 1) {
      exitSignal = signal;
      const again = signal === 'SIGINT' ? 'Ctrl-C' : signal;
      log(
        `[omlc] ${signal}: stopping the run; every worker releases what it created, then the run-id sweep and the ` +
          `leak audit run and the target stops (${again} again only shortens waits)`,
      );
      if (!abortRun({ kind: 'interrupted', signal, message: `run interrupted by ${signal}` })) {
        // Already aborted for another reason (its message was printed): the run is stopping anyway.
        log(`[omlc] ${signal}: the run is already stopping (${runAbort()?.message ?? ''})`);
      }
      return;
    }
    if (count === 2) {
      log(
        `[omlc] ${signal} again: clean-up hurries (waits cut to 5 s), every delete still runs; only kill -9 skips ` +
          'it, and then `npx ml-conformance sweep` removes what is left',
      );
    }
    hurryRun();
    writeHurryFlag(runId);
  };

  for (const signal of SIGNALS) {
    // Vitest's logger is the only listener at this point; its handler would exit the process 1 ms from now.
    for (const listener of proc.listeners(signal)) {
      proc.off(signal, listener as (...args: unknown[]) => void);
    }
    proc.on(signal, () => onSignal(signal));
  }
  proc.on('exit', () => {
    if (exitSignal !== undefined) {
      proc.exitCode = 128 + (constants.signals[exitSignal] ?? 0);
    } else if (runAbort() !== undefined && (proc.exitCode === undefined || proc.exitCode === 0)) {
      proc.exitCode = 1;
    }
    removeRunFlags(runId);
  });
}

/** Tests only. */
export function resetInterruptGuard(): void {
  delete (globalThis as { [INSTALLED]?: string })[INSTALLED];
}
