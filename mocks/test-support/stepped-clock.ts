import type { Clock } from '../clock.ts';

/**
 * A clock whose sleeps resolve only on `step()`, so a test can observe every state of a task machine in turn.
 * Time is frozen unless advanced.
 */
export interface SteppedClock extends Clock {
  /** Resolves every pending sleep, then lets the woken jobs run until they sleep or finish. */
  step(): Promise<void>;
  readonly pending: number;
}

async function flushAsync(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export function steppedClock(start = 1_795_406_739_069): SteppedClock {
  const sleepers: (() => void)[] = [];
  return {
    now: () => start,
    sleep: () => new Promise<void>((resolve) => sleepers.push(resolve)),
    get pending() {
      return sleepers.length;
    },
    async step() {
      for (const wake of sleepers.splice(0)) {
        wake();
      }
      await flushAsync();
    },
  };
}
