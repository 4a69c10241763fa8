/**
 * A test worker's side of an interruption. A terminal's Ctrl-C reaches every process of the group, workers included;
 * without a listener a worker would die at once, mid-request, with its ledger unreleased. While a live suite is open
 * this keeps the worker alive: the first signal aborts what the worker is doing (`interrupted`), any further one
 * makes its clean-up hurry. Vitest's own cancellation (the main process's interrupt guard) reaches the running test
 * through `ctx.signal`; a second signal that only the main process saw reaches clean-up through the `hurry` flag file.
 * With no suite open (between files, or when Vitest shuts the worker down with SIGTERM) a signal keeps its default
 * meaning and ends the process.
 */
import { withoutStack } from '../errors/without-stack.ts';
import { OmlcError } from '../errors/omlc-error.ts';
import { hurryFlagSet } from './run-flags.ts';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const HURRY_FLAG_POLL_MS = 200;

export class RunInterruptedError extends OmlcError<'interrupted'> {
  override name = 'RunInterruptedError';

  constructor(message: string) {
    super('interrupted', message);
    withoutStack(this);
  }
}

interface WorkerState {
  openScopes: number;
  signals: number;
  readonly interrupted: AbortController;
  readonly hurry: AbortController;
  readonly listeners: Map<NodeJS.Signals, () => void>;
}

let worker: WorkerState | undefined;

function state(): WorkerState {
  worker ??= {
    openScopes: 0,
    signals: 0,
    interrupted: new AbortController(),
    hurry: new AbortController(),
    listeners: new Map(),
  };
  return worker;
}

function onSignal(signal: NodeJS.Signals): void {
  const s = state();
  if (s.openScopes === 0) {
    uninstall();
    process.kill(process.pid, signal);
    return;
  }
  s.signals += 1;
  if (s.signals === 1) {
    s.interrupted.abort(new RunInterruptedError(`run interrupted by ${signal}`));
  } else {
    s.hurry.abort();
  }
}

function install(): void {
  const s = state();
  for (const signal of SIGNALS) {
    if (!s.listeners.has(signal)) {
      const listener = (): void => onSignal(signal);
      s.listeners.set(signal, listener);
      process.on(signal, listener);
    }
  }
}

function uninstall(): void {
  const s = state();
  for (const [signal, listener] of s.listeners) {
    process.off(signal, listener);
  }
  s.listeners.clear();
}

/** A live suite opens (its `beforeAll`); call the returned function when its `afterAll` is done. */
export function enterSuiteScope(): () => void {
  const s = state();
  s.openScopes += 1;
  install();
  let left = false;
  return () => {
    if (!left) {
      left = true;
      s.openScopes -= 1;
    }
  };
}

/** Aborted by this worker's first SIGINT/SIGTERM, with a RunInterruptedError as reason. */
export function workerInterrupted(): AbortSignal {
  return state().interrupted.signal;
}

/**
 * What clean-up passes as `hurry`: this worker's second signal, or the main process's `hurry` flag (polled while the
 * clean-up runs). Call `stop()` when the clean-up is done.
 */
export function cleanupHurry(runId: string): { readonly signal: AbortSignal; stop(): void } {
  const s = state();
  const fromFlag = new AbortController();
  const timer = setInterval(() => {
    if (hurryFlagSet(runId)) {
      fromFlag.abort();
    }
  }, HURRY_FLAG_POLL_MS);
  timer.unref();
  if (hurryFlagSet(runId)) {
    fromFlag.abort();
  }
  return {
    signal: AbortSignal.any([s.hurry.signal, fromFlag.signal]),
    stop: () => clearInterval(timer),
  };
}

/** Tests only. */
export function resetWorkerInterrupt(): void {
  if (worker !== undefined) {
    uninstall();
  }
  worker = undefined;
}
