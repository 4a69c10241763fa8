import { afterEach, describe, expect, it } from 'vitest';
import { removeRunFlags, resetRunFlags, writeHurryFlag } from './run-flags.ts';
import {
  cleanupHurry,
  enterSuiteScope,
  resetWorkerInterrupt,
  RunInterruptedError,
  workerInterrupted,
} from './worker-interrupt.ts';

const RUN = 'rworker-test';

afterEach(() => {
  resetWorkerInterrupt();
  removeRunFlags(RUN);
});

describe('worker interrupt', () => {
  it('keeps the worker alive while a suite is open: the first signal aborts its work, the next one hurries', () => {
    const leave = enterSuiteScope();
    const hurry = cleanupHurry(RUN);
    try {
      // `process.emit` reaches the listeners only: nothing is killed (with no suite open the listener would).
      process.emit('SIGINT');
      expect(workerInterrupted().aborted).toBe(true);
      expect(workerInterrupted().reason).toBeInstanceOf(RunInterruptedError);
      expect((workerInterrupted().reason as Error).message).toBe('run interrupted by SIGINT');
      expect((workerInterrupted().reason as Error).stack).toBe('RunInterruptedError: run interrupted by SIGINT');
      expect(hurry.signal.aborted).toBe(false);
      process.emit('SIGTERM');
      expect(hurry.signal.aborted).toBe(true);
    } finally {
      hurry.stop();
      leave();
    }
  });

  it('hurries when the main process saw the second signal (its hurry flag)', async () => {
    resetRunFlags(RUN);
    const hurry = cleanupHurry(RUN);
    try {
      expect(hurry.signal.aborted).toBe(false);
      writeHurryFlag(RUN);
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(hurry.signal.aborted).toBe(true);
    } finally {
      hurry.stop();
    }
    const late = cleanupHurry(RUN);
    expect(late.signal.aborted).toBe(true);
    late.stop();
  });
});
