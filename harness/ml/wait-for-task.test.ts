import { describe, expect, it, vi } from 'vitest';
import type { Clock } from './clock.ts';
import { MlConnectionError, MlHttpError, ResponseSchemaError } from './errors.ts';
import type { Task, TaskState } from './schemas.ts';
import { fakeTimeEachTest, settle } from './testing/fake-time.ts';
import { jumpingClock } from './testing/jumping-clock.ts';
import { deployTaskFailed } from './testing/verified-responses.ts';
import { TaskFailedError, TaskTimeoutError, parseTaskError } from './wait-errors.ts';
import { waitForTask } from './wait-for-task.ts';
import { MAX_POLLS_PER_SECOND } from './poll-loop.ts';

type Step = TaskState | Task | Error;

/** A getTask that answers from a script (the last step repeats) and records when it was called. */
function scripted(...steps: Step[]) {
  const calls: { at: number; timeoutMs: number | undefined }[] = [];
  const getTask = vi.fn((_id: string, options?: { timeoutMs?: number }): Promise<Task> => {
    calls.push({ at: Date.now(), timeoutMs: options?.timeoutMs });
    const step = steps.length > 1 ? steps.shift() : steps[0];
    if (step instanceof Error) {
      return Promise.reject(step);
    }
    return Promise.resolve(typeof step === 'string' ? task(step) : (step as Task));
  });
  return { getTask, calls };
}

function task(state: TaskState, extra: Partial<Task> = {}): Task {
  return { state, task_type: 'DEPLOY_MODEL', create_time: 1000, last_update_time: 1000, ...extra };
}

function httpError(status: number): MlHttpError {
  return new MlHttpError({ status, method: 'GET', path: '/_plugins/_ml/tasks/t', body: { error: 'busy' } });
}

fakeTimeEachTest();

describe('waitForTask', () => {
  it('returns the task on COMPLETED and reports each state change once', async () => {
    const fake = scripted('CREATED', 'CREATED', 'RUNNING', task('COMPLETED', { model_id: 'm1' }));
    const states: string[] = [];
    const result = settle(waitForTask(fake, 't', { timeoutMs: 10_000, onState: (state) => states.push(state) }));
    await vi.runAllTimersAsync();

    expect((await result).value).toMatchObject({ state: 'COMPLETED', model_id: 'm1' });
    expect(states).toEqual(['CREATED', 'RUNNING', 'COMPLETED']);
    expect(fake.getTask).toHaveBeenCalledTimes(4);
  });

  it('throws TaskFailedError at once on FAILED, with the per-node error parsed', async () => {
    const fake = scripted('RUNNING', deployTaskFailed as Task, 'COMPLETED');
    const result = settle(waitForTask(fake, 'deploy-1', { timeoutMs: 10_000 }));
    await vi.runAllTimersAsync();
    const { error } = await result;

    expect(error).toBeInstanceOf(TaskFailedError);
    const failed = error as TaskFailedError;
    expect(failed.state).toBe('FAILED');
    expect(failed.nodeErrors).toEqual({
      yMKSs73NTrewEToU_Qtzpw: "'boolean ai.djl.engine.Engine.hasCapability(java.lang.String)'",
    });
    expect(failed.reason).toBe(
      "yMKSs73NTrewEToU_Qtzpw: 'boolean ai.djl.engine.Engine.hasCapability(java.lang.String)'",
    );
    expect(failed.message).toMatch(
      /^task deploy-1 \(DEPLOY_MODEL\) ended FAILED: yMKSs73NTrewEToU_Qtzpw: 'boolean ai\.djl/,
    );
    expect(fake.getTask).toHaveBeenCalledTimes(2);
  });

  it('throws TaskFailedError on COMPLETED_WITH_ERROR with a plain-text error', async () => {
    const fake = scripted(task('COMPLETED_WITH_ERROR', { error: 'model content changed' }));
    const result = settle(waitForTask(fake, 't', { timeoutMs: 1000 }));
    await vi.runAllTimersAsync();
    const { error } = await result;

    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({
      state: 'COMPLETED_WITH_ERROR',
      reason: 'model content changed',
      nodeErrors: undefined,
    });
  });

  it('throws TaskTimeoutError at the deadline with the states seen and the last body', async () => {
    const fake = scripted('CREATED', 'CREATED', 'CREATED', task('RUNNING', { worker_node: ['n1'] }));
    const result = settle(waitForTask(fake, 'slow', { timeoutMs: 5000 }));
    await vi.runAllTimersAsync();
    const { error } = await result;

    expect(error).toBeInstanceOf(TaskTimeoutError);
    const timeout = error as TaskTimeoutError;
    expect(timeout.history.slice(0, 4).map((h) => h.state)).toEqual(['CREATED', 'CREATED', 'CREATED', 'RUNNING']);
    expect(timeout.history.every((h) => h.at === h.elapsedMs)).toBe(true); // fake clock starts at 0
    expect(timeout.history.at(-1)?.elapsedMs).toBe(5000);
    expect(timeout.last).toMatchObject({ state: 'RUNNING', worker_node: ['n1'] });
    expect(timeout.message).toMatch(
      /^task slow: not done after 5000 ms; states seen: CREATED ×3 \(0\.00–0\.02 s\) → RUNNING ×\d+/,
    );
    expect(timeout.message).toContain('"worker_node":["n1"]');
    expect(Date.now()).toBe(5000);
  });

  it('polls at once, four close looks 10 ms apart, every 50 ms to 2 s, then ×1.5 to a 1 s cap — ≤ 20 in any second', async () => {
    const fake = scripted('RUNNING');
    const result = settle(waitForTask(fake, 't', { timeoutMs: 20_000 }));
    await vi.runAllTimersAsync();
    await result;

    const times = fake.calls.map((c) => c.at);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(times[0]).toBe(0);
    expect(gaps.slice(0, 4)).toEqual([10, 10, 10, 10]);
    expect(gaps.slice(4, 19)).toEqual(Array.from({ length: 15 }, () => 50));
    // The 21st poll would fall inside the first second: it waits until that second is over.
    expect(times[20]).toBe(1000);
    for (let i = 0; i + MAX_POLLS_PER_SECOND < times.length; i += 1) {
      expect((times[i + MAX_POLLS_PER_SECOND] ?? 0) - (times[i] ?? 0)).toBeGreaterThanOrEqual(1000);
    }
    const firstGrowth = gaps.findIndex((gap, i) => (times[i] ?? 0) >= 1000 && gap > 50);
    expect(gaps.slice(firstGrowth, firstGrowth + 3)).toEqual([75, 113, 169]);
    expect(times[firstGrowth]).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1000);
    expect(gaps.filter((g) => g === 1000).length).toBeGreaterThan(10);
  });

  it('ends at a deadline that falls while a poll is held by the 20-a-second cap, without polling past it', async () => {
    const fake = scripted('RUNNING');
    const result = settle(waitForTask(fake, 't', { timeoutMs: 900 }));
    await vi.runAllTimersAsync();
    const { error } = await result;
    expect(error).toBeInstanceOf(TaskTimeoutError);
    // 0, 10, 20, 30, 40, then every 50 ms to 790: the 21st (840) would wait until 1000, after the deadline.
    expect(fake.calls).toHaveLength(MAX_POLLS_PER_SECOND);
    expect(fake.calls.at(-1)?.at).toBe(790);
    expect(Date.now()).toBe(900);
  });

  it('takes no close looks when asked not to', async () => {
    const fake = scripted('RUNNING', 'RUNNING', 'COMPLETED');
    const result = settle(waitForTask(fake, 't', { timeoutMs: 5000, closeInPolls: 0 }));
    await vi.runAllTimersAsync();
    await result;
    expect(fake.calls.map((c) => c.at)).toEqual([0, 50, 100]);
  });

  it('caps each poll request at the time left', async () => {
    const fake = scripted('RUNNING');
    const result = settle(waitForTask(fake, 't', { timeoutMs: 3000 }));
    await vi.runAllTimersAsync();
    await result;
    expect(fake.calls[0]?.timeoutMs).toBe(3000);
    expect(fake.calls.at(-1)?.timeoutMs).toBe(100); // floor, so the last poll can still be answered
  });

  it('stops with the abort reason when the signal fires while sleeping', async () => {
    const fake = scripted('RUNNING');
    const controller = new AbortController();
    const result = settle(waitForTask(fake, 't', { timeoutMs: 60_000, signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(300);
    controller.abort();
    const { error } = await result;

    expect(error).toMatchObject({ name: 'AbortError' });
    const polls = fake.getTask.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(fake.getTask).toHaveBeenCalledTimes(polls);
  });

  it('retries transient 429/503 answers to the poll on the same schedule', async () => {
    const fake = scripted(httpError(503), httpError(429), 'RUNNING', 'COMPLETED');
    const result = settle(waitForTask(fake, 't', { timeoutMs: 10_000 }));
    await vi.runAllTimersAsync();

    expect((await result).value).toMatchObject({ state: 'COMPLETED' });
    expect(fake.calls.map((c) => c.at)).toEqual([0, 10, 20, 30]);
  });

  it('counts transient failures in the history and never retries past the deadline', async () => {
    const fake = scripted('CREATED', httpError(503));
    const result = settle(waitForTask(fake, 't', { timeoutMs: 2000 }));
    await vi.runAllTimersAsync();
    const { error } = await result;

    expect(error).toBeInstanceOf(TaskTimeoutError);
    const history = (error as TaskTimeoutError).history;
    expect(history[0]).toMatchObject({ state: 'CREATED', transient: false });
    expect(history.slice(1).every((h) => h.state === 'HTTP 503' && h.transient)).toBe(true);
    expect((error as Error).message).toMatch(/CREATED ×1 \(0\.00 s\) → HTTP 503 ×\d+/);
    expect(Math.max(...fake.calls.map((c) => c.at))).toBeLessThanOrEqual(2000);
  });

  it('rides out a reset connection and a cut-off answer to a poll (a GET changes nothing when asked again)', async () => {
    const reset = new MlConnectionError({ method: 'GET', url: 'x', kind: 'reset', detail: 'socket hang up', hint: '' });
    const cut = new ResponseSchemaError(
      'GET t',
      [{ path: '(root)', message: 'invalid JSON (end)', value: '{"st' }],
      '',
    );
    const fake = scripted(reset, cut, 'COMPLETED');
    const result = settle(waitForTask(fake, 't', { timeoutMs: 10_000 }));
    await vi.runAllTimersAsync();
    expect((await result).value).toMatchObject({ state: 'COMPLETED' });
  });

  it('fails at once on a refused connection (nothing there to wait for)', async () => {
    const refused = new MlConnectionError({
      method: 'GET',
      url: 'x',
      kind: 'refused',
      detail: 'ECONNREFUSED',
      hint: '',
    });
    const fake = scripted(refused, 'COMPLETED');
    const result = settle(waitForTask(fake, 't', { timeoutMs: 10_000 }));
    await vi.runAllTimersAsync();
    expect((await result).error).toBe(refused);
  });

  it('cuts the rest of the wait to 5 s once hurried (a second Ctrl-C during clean-up)', async () => {
    const hurry = new AbortController();
    const fake = scripted('RUNNING');
    const result = settle(waitForTask(fake, 't', { timeoutMs: 600_000, hurry: hurry.signal }));
    await vi.advanceTimersByTimeAsync(10_000);
    hurry.abort();
    await vi.runAllTimersAsync();
    expect((await result).error).toBeInstanceOf(TaskTimeoutError);
    expect(Math.max(...fake.calls.map((c) => c.at))).toBeLessThanOrEqual(16_000);
  });

  it('propagates other errors at once', async () => {
    const fake = scripted(
      new MlHttpError({ status: 404, method: 'GET', path: '/x', body: { error: 'Failed to find task' } }),
    );
    const result = settle(waitForTask(fake, 't', { timeoutMs: 10_000 }));
    await vi.runAllTimersAsync();
    expect((await result).error).toMatchObject({ status: 404 });
    expect(fake.getTask).toHaveBeenCalledTimes(1);
  });

  it('runs on an injected clock without timers', async () => {
    vi.useRealTimers();
    const clock = jumpingClock(1_000_000);
    const fake = scripted('RUNNING');
    const error = await waitForTask(fake, 't', { timeoutMs: 30_000, clock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(clock.now()).toBe(1_030_000);
    expect((error as TaskTimeoutError).history[0]?.at).toBe(1_000_000);
  });
});

describe('waiting on a cluster that signals its changes (the simulator in this process)', () => {
  it('polls again as soon as the signal fires, without sleeping out the interval', async () => {
    vi.useRealTimers();
    let now = 0;
    const sleeps: number[] = [];
    // A sleep that never ends: only the signal can move the wait on.
    const clock: Clock = { now: () => now, sleep: (ms) => (sleeps.push(ms), new Promise<void>(() => undefined)) };
    const fake = scripted('CREATED', 'COMPLETED');
    const wake = vi.fn(() => {
      now += 3;
      return Promise.resolve();
    });
    const done = await waitForTask(fake, 't', { timeoutMs: 30_000, clock, wake, initialIntervalMs: 1000 });
    expect(done.state).toBe('COMPLETED');
    expect(fake.getTask).toHaveBeenCalledTimes(2);
    expect(wake).toHaveBeenCalledTimes(1);
    expect(sleeps).toEqual([10]);
  });

  it('falls back to the schedule when no signal comes', async () => {
    const fake = scripted('CREATED', 'RUNNING', 'COMPLETED');
    const never = (): Promise<void> => new Promise<void>(() => undefined);
    const result = settle(waitForTask(fake, 't', { timeoutMs: 10_000, wake: never }));
    await vi.runAllTimersAsync();
    expect((await result).value?.state).toBe('COMPLETED');
    expect(fake.calls.map((c) => c.at - (fake.calls[0]?.at ?? 0))).toEqual([0, 10, 20]);
  });
});

describe('a wait that knows how long the work takes', () => {
  it('sleeps that long before its first poll, and never past the deadline', async () => {
    const fake = scripted('COMPLETED');
    const result = settle(waitForTask(fake, 't', { timeoutMs: 10_000, firstPollAfterMs: 51 }));
    await vi.runAllTimersAsync();
    expect((await result).value?.state).toBe('COMPLETED');
    expect(fake.calls.map((c) => c.at)).toEqual([51]);

    const late = scripted('COMPLETED');
    const capped = settle(waitForTask(late, 't', { timeoutMs: 200, firstPollAfterMs: 60_000 }));
    await vi.runAllTimersAsync();
    expect((await capped).value?.state).toBe('COMPLETED');
    expect((late.calls[0]?.at ?? 0) - 51).toBe(200);
  });
});

describe('parseTaskError', () => {
  it('flattens per-node JSON and keeps plain text', () => {
    expect(parseTaskError('{"n1":"boom","n2":"bang"}')).toEqual({
      text: 'n1: boom; n2: bang',
      nodeErrors: { n1: 'boom', n2: 'bang' },
    });
    expect(parseTaskError('model content changed')).toEqual({ text: 'model content changed', nodeErrors: undefined });
    expect(parseTaskError('["a"]').text).toBe('["a"]');
    expect(parseTaskError(undefined).text).toBe('(no error text)');
  });
});
