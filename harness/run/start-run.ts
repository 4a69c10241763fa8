/**
 * What every project's global setup does first: take over the run's signals (interrupt-guard.ts), check the run's
 * inputs, and say whether this project may start its target at all — not when the run is already aborted (a bad
 * card found by an earlier setup, Ctrl-C during another project's start). A bad input aborts the run with one message.
 */
import type { TestProject } from 'vitest/node';
import { installInterruptGuard } from './interrupt-guard.ts';
import { runInputsProblem } from './run-inputs.ts';
import { abortRun, runAbort, type RunAbort } from './run-state.ts';
import '../config/provided-context.ts';

/** Undefined when the project may go on; else the abort that stops it (already printed). */
export function startRun(project: TestProject): RunAbort | undefined {
  const { runId } = project.getProvidedContext();
  const { vitest } = project;
  installInterruptGuard({
    runId,
    // In watch mode a cancelled run would only wait for file changes: an abort ends the process there too.
    cancel: (reason) =>
      void vitest.cancelCurrentRun(reason).then(() => (vitest.config.watch ? vitest.exit() : undefined)),
  });
  if (runAbort() === undefined) {
    const problem = runInputsProblem();
    if (problem !== undefined) {
      console.error(`[omlc] invalid input, nothing was started:\n${problem}`);
      abortRun({ kind: 'bad-input', project: project.name, message: problem });
    }
  }
  return runAbort();
}
