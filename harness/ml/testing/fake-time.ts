/**
 * Running a wait (task, model state, serving) on Vitest's fake clock: every test starts at time 0, and a wait's
 * promise is settled into a value or an error before the timers run, so a wait that rejects mid-run is never an
 * unhandled rejection.
 */
import { afterEach, beforeEach, vi } from 'vitest';

/** Registers hooks that put each test of the calling file on a fake clock starting at 0, and restore real timers. */
export function fakeTimeEachTest(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Settles a promise into a value or an error so fake-timer tests never see unhandled rejections. */
export function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}
