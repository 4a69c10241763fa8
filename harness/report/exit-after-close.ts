/**
 * A signal can still land between Vitest's close and the process exit (the run's last milliseconds); the reports must
 * say so, as the exit code will. One process 'exit' listener serves every reporter instance of the process (a test
 * worker creates many), and it runs what the last closed reporter left pending.
 */
let pending: (() => void) | undefined;
let installed = false;

export function atExitAfterClose(action: () => void): void {
  pending = action;
  if (!installed) {
    installed = true;
    process.on('exit', () => runExitAfterClose());
  }
}

/** What the 'exit' listener runs; tests call it directly. */
export function runExitAfterClose(): void {
  const action = pending;
  pending = undefined;
  action?.();
}
