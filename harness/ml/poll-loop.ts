/**
 * Deadline-based polling shared by waitForTask and waitForModelState: the first poll at once (or when the task is
 * expected to be done, `firstPollAfterMs`), then four close looks 10 ms apart (work that was not done at the first look
 * is usually done a few ms later: a 5 ms loop's latency at a fraction of its requests), then every 50 ms for the first
 * 2 s, then backing off ×1.5 up to a 1 s cap, never sleeping past the deadline — and never more than 20 polls in any
 * second (a poll that would be the 21st waits). A slow deploy on a real cluster costs at
 * most one request per second after its first seconds. Transient failures of the poll itself — 429/502/503/504, a
 * connection reset, an answer cut off mid-body — are retried on the same schedule and recorded in the history: a poll
 * is a GET, so asking again never changes anything on the cluster. Where the cluster runs in this process, a sleep
 * ends early when it signals a change (change-signal.ts). A `hurry` signal (a second Ctrl-C during clean-up) shortens
 * what is left of the wait to `hurryBudgetMs`; it never ends a wait early by itself.
 */
import { changeSignal, type ChangeSignal } from './change-signal.ts';
import { systemClock, type Clock } from './clock.ts';
import { MlConnectionError, MlHttpError, ResponseSchemaError } from './errors.ts';

export interface PollOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  /** Delay after the first poll; default 50 ms. */
  readonly initialIntervalMs?: number;
  /** The interval stays at `initialIntervalMs` this long before it grows; default 2000 ms. */
  readonly steadyForMs?: number;
  /** Default 1000 ms. */
  readonly maxIntervalMs?: number;
  /** Default 1.5. */
  readonly factor?: number;
  /** Once aborted, the deadline moves to at most `hurryBudgetMs` after the moment it fired. */
  readonly hurry?: AbortSignal;
  /** Default 5 s. */
  readonly hurryBudgetMs?: number;
  /** Sleep this long before the first poll (the expected duration of the awaited work); default 0. */
  readonly firstPollAfterMs?: number;
  /** Ends a sleep early when the cluster's state may have changed; default the installed change signal, if any. */
  readonly wake?: ChangeSignal;
  /** Looks right after the first one, `CLOSE_IN_INTERVAL_MS` apart, before the regular interval; default 4. */
  readonly closeInPolls?: number;
}

export interface Observation {
  /** Clock time of the poll (epoch ms with the system clock). */
  readonly at: number;
  readonly elapsedMs: number;
  /** The state seen, or `HTTP 503` for a transient failure of the poll itself. */
  readonly state: string;
  readonly transient: boolean;
}

export type Verdict = 'done' | 'failed' | 'pending';

export interface PollSpec<T> {
  /** One poll; `timeoutMs` is what remains until the deadline. */
  fetch(timeoutMs: number, signal: AbortSignal | undefined): Promise<T>;
  stateOf(value: T): string;
  classify(value: T): Verdict;
  /** Called with every observation whose state differs from the previous one. */
  onChange?(value: T, observation: Observation): void;
}

export type PollOutcome<T> =
  | { readonly kind: 'done' | 'failed'; readonly value: T; readonly history: readonly Observation[] }
  | { readonly kind: 'timeout'; readonly last: T | undefined; readonly history: readonly Observation[] };

const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
const DEFAULT_STEADY_MS = 2000;
const MIN_REQUEST_TIMEOUT_MS = 100;
const DEFAULT_HURRY_BUDGET_MS = 5_000;
const DEFAULT_CLOSE_IN_POLLS = 4;
const CLOSE_IN_INTERVAL_MS = 10;
/** What a wait may cost the cluster: at most this many polls in any second. */
export const MAX_POLLS_PER_SECOND = 20;

export async function pollUntil<T>(spec: PollSpec<T>, options: PollOptions): Promise<PollOutcome<T>> {
  const clock = options.clock ?? systemClock;
  const { signal } = options;
  const factor = options.factor ?? 1.5;
  const maxInterval = options.maxIntervalMs ?? 1000;
  const wake = options.wake ?? changeSignal();
  const steadyUntil = clock.now() + (options.steadyForMs ?? DEFAULT_STEADY_MS);
  const nap = async (ms: number): Promise<void> => {
    const sleep = clock.sleep(Math.round(ms), signal);
    await (wake === undefined ? sleep : Promise.race([sleep, wake()]));
  };
  const start = clock.now();
  let deadline = start + options.timeoutMs;
  let hurried = false;
  const hurryBudget = options.hurryBudgetMs ?? DEFAULT_HURRY_BUDGET_MS;
  const applyHurry = (): void => {
    if (!hurried && options.hurry?.aborted === true) {
      hurried = true;
      deadline = Math.min(deadline, clock.now() + hurryBudget);
    }
  };
  const history: Observation[] = [];
  let interval = Math.min(options.initialIntervalMs ?? 50, maxInterval);
  let last: T | undefined;
  let previousState: string | undefined;
  let closeIn = options.closeInPolls ?? DEFAULT_CLOSE_IN_POLLS;
  const pollTimes: number[] = [];
  /** How long the next poll must wait so that no second holds more than MAX_POLLS_PER_SECOND of them. */
  const rateWait = (): number => {
    const oldest = pollTimes.at(-MAX_POLLS_PER_SECOND);
    return pollTimes.length < MAX_POLLS_PER_SECOND || oldest === undefined ? 0 : oldest + 1000 - clock.now();
  };

  if (options.firstPollAfterMs !== undefined && options.firstPollAfterMs > 0) {
    await nap(Math.min(options.firstPollAfterMs, Math.max(0, deadline - clock.now())));
  }

  for (;;) {
    signal?.throwIfAborted();
    applyHurry();
    const held = rateWait();
    if (held > 0) {
      // A held poll never runs past the deadline: sleeping 0 there until the second frees would spin.
      const untilDeadline = deadline - clock.now();
      if (untilDeadline <= 0) {
        return { kind: 'timeout', last, history };
      }
      await clock.sleep(Math.min(held, untilDeadline), signal);
      continue;
    }
    const now = clock.now();
    pollTimes.push(now);
    const remaining = deadline - now;
    try {
      const value = await spec.fetch(Math.max(remaining, MIN_REQUEST_TIMEOUT_MS), signal);
      last = value;
      const observation = { at: now, elapsedMs: now - start, state: spec.stateOf(value), transient: false };
      history.push(observation);
      if (observation.state !== previousState) {
        spec.onChange?.(value, observation);
      }
      previousState = observation.state;
      const verdict = spec.classify(value);
      if (verdict !== 'pending') {
        return { kind: verdict, value, history };
      }
    } catch (error) {
      signal?.throwIfAborted();
      const transient = transientLabel(error, clock.now() >= deadline);
      if (transient === undefined) {
        throw error;
      }
      history.push({ at: now, elapsedMs: now - start, state: transient, transient: true });
    }
    applyHurry();
    const left = deadline - clock.now();
    if (left <= 0) {
      return { kind: 'timeout', last, history };
    }
    if (closeIn > 0) {
      closeIn -= 1;
      await nap(Math.min(CLOSE_IN_INTERVAL_MS, interval, left));
      continue;
    }
    await nap(Math.min(interval, left));
    if (clock.now() >= steadyUntil) {
      interval = Math.min(interval * factor, maxInterval);
    }
  }
}

/**
 * `HTTP 503` for a retryable answer, `connection reset` / `truncated answer` for a transport hiccup, `timeout` for a
 * poll cut short by the deadline, else undefined (rethrow: refused connections, TLS and auth errors do not heal).
 */
function transientLabel(error: unknown, pastDeadline: boolean): string | undefined {
  if (error instanceof MlHttpError && TRANSIENT_STATUSES.has(error.status)) {
    return `HTTP ${error.status}`;
  }
  if (error instanceof MlConnectionError && error.kind === 'reset') {
    return 'connection reset';
  }
  if (error instanceof ResponseSchemaError && error.issues.some((issue) => issue.message.startsWith('invalid JSON'))) {
    return 'truncated answer';
  }
  if (pastDeadline && error instanceof MlConnectionError && error.kind === 'timeout') {
    return 'request timeout';
  }
  return undefined;
}

/** `CREATED ×3 (0–0.2 s) → RUNNING ×12 (0.3–9.1 s) → HTTP 503 ×1 (9.4 s)` */
export function summarizeHistory(history: readonly Observation[]): string {
  const runs: { state: string; count: number; from: number; to: number }[] = [];
  for (const observation of history) {
    const run = runs.at(-1);
    if (run?.state === observation.state) {
      run.count += 1;
      run.to = observation.elapsedMs;
    } else {
      runs.push({ state: observation.state, count: 1, from: observation.elapsedMs, to: observation.elapsedMs });
    }
  }
  if (runs.length === 0) {
    return '(no answer)';
  }
  return runs
    .map(({ state, count, from, to }) => {
      const span = from === to ? seconds(from) : `${seconds(from)}–${seconds(to)}`;
      return `${state} ×${count} (${span} s)`;
    })
    .join(' → ');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
}
