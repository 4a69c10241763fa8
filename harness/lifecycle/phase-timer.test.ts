import { describe, expect, it } from 'vitest';
import type { Task } from '../ml/schemas.ts';
import { PhaseTimer, taskServerMs } from './phase-timer.ts';

/** A clock that moves 7 ms on every reading, so wall times are not zero by accident. */
function steppingClock() {
  let now = 100;
  return { now: () => (now += 7) };
}

const task = (extra: Partial<Task> = {}): Task => ({ state: 'RUNNING', ...extra });

describe('PhaseTimer', () => {
  it('records a phase that succeeds with its wall time and the server time its result reports', async () => {
    const timer = new PhaseTimer(steppingClock());
    await expect(
      timer.time(
        'deploy',
        'm1',
        () => Promise.resolve('ok'),
        () => 42,
      ),
    ).resolves.toBe('ok');
    await timer.time('predict', 'm1', () => Promise.resolve(1));
    expect(timer.list()).toEqual([
      { phase: 'deploy', subject: 'm1', startedAt: 107, wallMs: 7, serverMs: 42, ok: true },
      { phase: 'predict', subject: 'm1', startedAt: 121, wallMs: 7, serverMs: undefined, ok: true },
    ]);
  });

  it('records a phase that throws, with the server time of the task its error carries', async () => {
    const timer = new PhaseTimer(steppingClock());
    const failed = Object.assign(new Error('task failed'), { task: task({ create_time: 10, last_update_time: 35 }) });
    const timedOut = Object.assign(new Error('timeout'), { last: task({ create_time: 10, last_update_time: 90 }) });
    for (const error of [failed, timedOut]) {
      await expect(timer.time('register-model', 'n', () => Promise.reject(error))).rejects.toBe(error);
    }
    expect(timer.list().map((t) => [t.ok, t.serverMs, t.wallMs])).toEqual([
      [false, 25, 7],
      [false, 80, 7],
    ]);
  });

  it('reports no server time for errors that carry no task', async () => {
    const timer = new PhaseTimer(steppingClock());
    const notATask = Object.assign(new Error('x'), { task: { create_time: 1, last_update_time: 2 } });
    const nullTask = Object.assign(new Error('x'), { task: null, last: task({ create_time: 1, last_update_time: 5 }) });
    const nullLast = Object.assign(new Error('x'), { last: null });
    for (const error of [new Error('plain'), 'a string', null, notATask, nullTask, undefined, nullLast]) {
      // The phase's own error comes through, whatever it is.
      await expect(timer.time('deploy', 'm', () => Promise.reject(error as Error))).rejects.toBe(error);
    }
    // `task: null` falls through to `last`, as a TaskTimeoutError without a task would.
    expect(timer.list().map((t) => t.serverMs)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      4,
      undefined,
      undefined,
    ]);
  });

  it('hands out a copy of its timings', async () => {
    const timer = new PhaseTimer(steppingClock());
    const before = timer.list();
    await timer.time('deploy', 'm', () => Promise.resolve());
    expect(before).toEqual([]);
  });
});

describe('taskServerMs', () => {
  it('needs both timestamps', () => {
    expect(taskServerMs(undefined)).toBeUndefined();
    expect(taskServerMs(task({ create_time: 5 }))).toBeUndefined();
    expect(taskServerMs(task({ last_update_time: 5 }))).toBeUndefined();
    expect(taskServerMs(task({ create_time: 5, last_update_time: 5 }))).toBe(0);
  });
});
