/**
 * The state of the run as a whole in Vitest's main process: whether it was aborted (interrupted by a signal, the
 * harness's own node exited, an input was invalid), whether clean-up was asked to hurry, and who to tell. Every
 * project loads its globalSetup through its own module runner, and reporters through another, so a module-level
 * variable would exist once per runner: the state lives on `globalThis` under a registered symbol, the one thing
 * they share. Test workers are other processes; they learn about an abort through run-flags.ts.
 */

export type RunAbort =
  | { readonly kind: 'interrupted'; readonly signal: NodeJS.Signals; readonly message: string }
  | { readonly kind: 'target-lost'; readonly project: string; readonly message: string }
  | { readonly kind: 'target-failed'; readonly project: string; readonly message: string }
  | { readonly kind: 'bad-input'; readonly project: string; readonly message: string };

/** What a reporter can render about an aborted run. */
export interface RunOutcome {
  readonly abort?: RunAbort;
  /** Second signal during clean-up: waits were shortened. */
  readonly hurried: boolean;
  /** One line per resource released because of the abort (workers' ledgers, then the run-id sweep). */
  readonly released: readonly string[];
}

type AbortListener = (abort: RunAbort) => void;

interface State {
  abort: RunAbort | undefined;
  readonly hurry: AbortController;
  readonly released: string[];
  readonly onAbort: Set<AbortListener>;
  /** Stops the test run (Vitest's cancelCurrentRun), set by the first global setup. */
  cancel: ((reason: string) => void) | undefined;
}

const KEY = Symbol.for('opensearch-ml-conformance.run-state');

function state(): State {
  const holder = globalThis as { [KEY]?: State };
  holder[KEY] ??= {
    abort: undefined,
    hurry: new AbortController(),
    released: [],
    onAbort: new Set(),
    cancel: undefined,
  };
  return holder[KEY];
}

/** The first abort wins: a node that exits because of an interrupt is not a second reason. */
export function abortRun(abort: RunAbort): boolean {
  const s = state();
  if (s.abort !== undefined) {
    return false;
  }
  s.abort = abort;
  for (const listener of s.onAbort) {
    listener(abort);
  }
  s.cancel?.(abort.kind);
  return true;
}

export function runAbort(): RunAbort | undefined {
  return state().abort;
}

/** Called at once when the run is already aborted. Returns an unsubscribe function. */
export function onRunAbort(listener: AbortListener): () => void {
  const s = state();
  const abort = s.abort;
  if (abort !== undefined) {
    listener(abort);
    return () => undefined;
  }
  s.onAbort.add(listener);
  return () => s.onAbort.delete(listener);
}

export function setRunCanceller(cancel: (reason: string) => void): void {
  state().cancel ??= cancel;
}

/** Aborted once clean-up should hurry (a second signal): waits shrink, deletes still run. */
export function hurrySignal(): AbortSignal {
  return state().hurry.signal;
}

export function hurryRun(): void {
  state().hurry.abort();
}

export function recordReleased(lines: readonly string[]): void {
  state().released.push(...lines);
}

export function runOutcome(): RunOutcome {
  const s = state();
  return {
    ...(s.abort === undefined ? {} : { abort: s.abort }),
    hurried: s.hurry.signal.aborted,
    released: [...s.released],
  };
}

/** Tests only: a fresh state. */
export function resetRunState(): void {
  delete (globalThis as { [KEY]?: State })[KEY];
}
