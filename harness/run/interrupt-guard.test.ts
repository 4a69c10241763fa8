import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { installInterruptGuard, resetInterruptGuard, type GuardProcess } from './interrupt-guard.ts';
import { hurryFlagSet, readAbortFlag, removeRunFlags } from './run-flags.ts';
import { abortRun, hurrySignal, resetRunState, runAbort } from './run-state.ts';

const RUN = 'rguard-test';

/** A stand-in for `process`: signals are emitted by hand, nothing is killed. */
function fakeProcess(): GuardProcess & EventEmitter & { exitCode?: number | string | null | undefined } {
  return new EventEmitter() as GuardProcess & EventEmitter;
}

function install(now: () => number = Date.now) {
  const proc = fakeProcess();
  const vitestExit = (): void => {
    throw new Error("Vitest's exit-in-1-ms listener must have been removed");
  };
  proc.on('SIGINT', vitestExit);
  proc.on('SIGTERM', vitestExit);
  const cancels: string[] = [];
  const lines: string[] = [];
  installInterruptGuard({ runId: RUN, cancel: (r) => cancels.push(r), log: (l) => lines.push(l), process: proc, now });
  return { proc, cancels, lines };
}

afterEach(() => {
  resetInterruptGuard();
  resetRunState();
  removeRunFlags(RUN);
});

describe('installInterruptGuard', () => {
  it('answers the first signal by aborting and cancelling the run, and tells the workers', () => {
    const { proc, cancels, lines } = install();
    proc.emit('SIGTERM');
    expect(runAbort()).toEqual({ kind: 'interrupted', signal: 'SIGTERM', message: 'run interrupted by SIGTERM' });
    expect(cancels).toEqual(['keyboard-input']);
    expect(readAbortFlag(RUN)).toEqual(runAbort());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[omlc\] SIGTERM: stopping the run; every worker releases what it created/);
    expect(hurrySignal().aborted).toBe(false);
  });

  it('makes clean-up hurry on a further signal, and never exits by itself', () => {
    let t = 0;
    const { proc, cancels, lines } = install(() => t);
    proc.emit('SIGINT');
    t = 1_000;
    proc.emit('SIGINT');
    t = 2_000;
    proc.emit('SIGINT');
    expect(cancels).toHaveLength(1);
    expect(hurrySignal().aborted).toBe(true);
    expect(hurryFlagSet(RUN)).toBe(true);
    expect(lines.filter((l) => l.includes('again: clean-up hurries'))).toHaveLength(1);
  });

  it('counts the same signal twice within 300 ms once (a terminal reaches both the CLI and Vitest)', () => {
    let t = 0;
    const { proc } = install(() => t);
    proc.emit('SIGINT');
    t = 100;
    proc.emit('SIGINT');
    expect(hurrySignal().aborted).toBe(false);
  });

  it('exits with 128 + the signal number, or 1 for an abort without a signal', () => {
    const interrupted = install();
    interrupted.proc.emit('SIGINT');
    interrupted.proc.emit('exit');
    expect(interrupted.proc.exitCode).toBe(130);

    resetInterruptGuard();
    resetRunState();
    const lost = install();
    abortRun({ kind: 'target-lost', project: 'live:3.6.0', message: 'native 3.6.0 exited during the run' });
    lost.proc.emit('exit');
    expect(lost.proc.exitCode).toBe(1);
  });

  it('keeps the first abort: a signal after the node died only notes that the run is stopping', () => {
    const { proc, lines, cancels } = install();
    abortRun({ kind: 'target-lost', project: 'live:3.6.0', message: 'native 3.6.0 exited during the run' });
    proc.emit('SIGINT');
    expect(runAbort()?.kind).toBe('target-lost');
    expect(cancels).toEqual(['test-failure']);
    expect(lines.at(-1)).toBe('[omlc] SIGINT: the run is already stopping (native 3.6.0 exited during the run)');
  });
});
