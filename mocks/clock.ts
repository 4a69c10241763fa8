/**
 * Time as the simulator sees it. Injected so tests can freeze timestamps or make every state-machine step instant
 * without fake timers (MSW's interceptors run on real timers, so `vi.useFakeTimers()` would stall them).
 */
export interface Clock {
  /** Epoch milliseconds, used for `create_time` & co. */
  now(): number;
  /** Resolves after `ms`; the state machines wait through this between transitions. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
