/**
 * The poll loop on a jumping clock: which failures of a poll it retries (and how it labels them), how a hurry
 * shortens a wait, when the first poll comes, the rate limit, and how a history reads.
 */
import { describe, expect, it } from 'vitest';
import { MlConnectionError, MlHttpError, ResponseSchemaError } from './errors.ts';
import { MAX_POLLS_PER_SECOND, pollUntil, summarizeHistory, type Observation, type PollSpec } from './poll-loop.ts';
import { jumpingClock } from './testing/jumping-clock.ts';

const START = 1_000_000;
/** No in-process cluster: sleeps are never cut short. */
const noWake = () => new Promise<void>(() => undefined);

/** A poll whose state is its answer, done once it answers 'DONE'. */
function polling(fetch: PollSpec<string>['fetch']): PollSpec<string> {
  return { fetch, stateOf: (value) => value, classify: (value) => (value === 'DONE' ? 'done' : 'pending') };
}

/** A poll that answers each of `answers` in turn (an Error is thrown), then 'DONE'. */
function scripted(answers: readonly (string | Error)[]): PollSpec<string> {
  let calls = 0;
  return polling(() => {
    const answer = answers[calls] ?? 'DONE';
    calls += 1;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  });
}

const connection = (kind: 'reset' | 'timeout' | 'refused') =>
  new MlConnectionError({ method: 'GET', url: 'http://127.0.0.1:9200/t', kind, detail: kind, hint: '' });
const schemaError = (messages: string[]) =>
  new ResponseSchemaError(
    'GET /t',
    messages.map((message) => ({ path: '(root)', message, value: '' })),
    '',
  );

describe('pollUntil: failures of the poll itself', () => {
  it('retries 503, a reset and a cut-off answer, recording each with its time', async () => {
    const clock = jumpingClock(START);
    const spec = scripted([
      new MlHttpError({ status: 503, method: 'GET', path: '/t', body: '' }),
      connection('reset'),
      schemaError(['missing field', 'invalid JSON (Unexpected end)']),
    ]);
    const outcome = await pollUntil(spec, { timeoutMs: 10_000, clock, wake: noWake });
    expect(outcome.kind).toBe('done');
    expect(outcome.history.map((o) => [o.state, o.transient])).toEqual([
      ['HTTP 503', true],
      ['connection reset', true],
      ['truncated answer', true],
      ['DONE', false],
    ]);
    const times = outcome.history.map((o) => o.elapsedMs);
    expect(times[0]).toBe(0);
    expect(outcome.history.every((o) => o.at === START + o.elapsedMs)).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('rethrows what does not heal: a schema error that is not a cut-off, a refused connection, a 500', async () => {
    for (const error of [
      schemaError(['missing field']),
      connection('refused'),
      new MlHttpError({ status: 500, method: 'GET', path: '/t', body: '' }),
    ]) {
      await expect(
        pollUntil(scripted([error]), { timeoutMs: 10_000, clock: jumpingClock(START), wake: noWake }),
      ).rejects.toBe(error);
    }
  });

  it('takes a request timeout as a timeout only once the deadline has passed', async () => {
    const early = connection('timeout');
    await expect(
      pollUntil(scripted([early]), { timeoutMs: 10_000, clock: jumpingClock(START), wake: noWake }),
    ).rejects.toBe(early);
    const clock = jumpingClock(START);
    const late = polling(async (timeoutMs) => {
      await clock.sleep(timeoutMs);
      throw connection('timeout');
    });
    const outcome = await pollUntil(late, { timeoutMs: 1_000, clock, wake: noWake });
    expect(outcome.kind).toBe('timeout');
    expect(outcome.history.map((o) => o.state)).toEqual(['request timeout']);
  });
});

describe('pollUntil: timing', () => {
  it('sleeps firstPollAfterMs before the first poll, and not at all for 0', async () => {
    const waited = jumpingClock(START);
    await pollUntil(scripted([]), { timeoutMs: 10_000, clock: waited, wake: noWake, firstPollAfterMs: 120 });
    expect(waited.slept).toEqual([120]);
    const none = jumpingClock(START);
    await pollUntil(scripted([]), { timeoutMs: 10_000, clock: none, wake: noWake, firstPollAfterMs: 0 });
    expect(none.slept).toEqual([]);
  });

  it('a hurry cuts what is left of the wait to the hurry budget, from the first poll on', async () => {
    const hurry = new AbortController();
    hurry.abort();
    const clock = jumpingClock(START);
    const requestTimeouts: number[] = [];
    const spec = polling((timeoutMs) => {
      requestTimeouts.push(timeoutMs);
      return Promise.resolve('RUNNING');
    });
    const outcome = await pollUntil(spec, {
      timeoutMs: 600_000,
      clock,
      wake: noWake,
      hurry: hurry.signal,
      hurryBudgetMs: 3_000,
    });
    expect(outcome.kind).toBe('timeout');
    expect(clock.now() - START).toBe(3_000);
    // Each poll's own request timeout is what is left of the shortened wait.
    expect(requestTimeouts[0]).toBe(3_000);
    expect(Math.max(...requestTimeouts)).toBe(3_000);
  });

  it(`never polls more than ${MAX_POLLS_PER_SECOND} times in any second`, async () => {
    const clock = jumpingClock(START);
    const polls: number[] = [];
    const spec = polling(() => {
      polls.push(clock.now());
      return Promise.resolve(polls.length > 60 ? 'DONE' : 'RUNNING');
    });
    await pollUntil(spec, { timeoutMs: 60_000, clock, wake: noWake, initialIntervalMs: 1, closeInPolls: 0 });
    for (const [i, at] of polls.entries()) {
      const earlier = polls[i - MAX_POLLS_PER_SECOND];
      if (earlier !== undefined) {
        expect(at - earlier).toBeGreaterThanOrEqual(1000);
      }
    }
    // Held, not spread out: the 21st poll comes exactly when the first leaves the window.
    expect((polls[MAX_POLLS_PER_SECOND] ?? 0) - (polls[0] ?? 0)).toBe(1000);
  });
});

describe('summarizeHistory', () => {
  const seen = (state: string, elapsedMs: number): Observation => ({
    at: elapsedMs,
    elapsedMs,
    state,
    transient: false,
  });

  it('says when nothing answered', () => {
    expect(summarizeHistory([])).toBe('(no answer)');
  });

  it('groups runs of one state, with two decimals below 10 s and one from 10 s on', () => {
    expect(
      summarizeHistory([seen('CREATED', 0), seen('CREATED', 200), seen('RUNNING', 9_994), seen('RUNNING', 10_000)]),
    ).toBe('CREATED ×2 (0.00–0.20 s) → RUNNING ×2 (9.99–10.0 s)');
  });
});
