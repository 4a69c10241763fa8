import type { Clock } from '../clock.ts';

/**
 * A clock whose sleeps return at once and move time forward by as much, recording each: waits without timers.
 * `start` is where its time begins (a wait must not assume a clock at 0).
 */
export function jumpingClock(start = 0): Clock & { readonly slept: readonly number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}
