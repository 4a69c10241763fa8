import type { Clock } from '../clock.ts';

/** A clock whose sleeps return at once and move time forward by as much, recording each: waits without timers. */
export function jumpingClock(): Clock & { readonly slept: readonly number[] } {
  let now = 0;
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
