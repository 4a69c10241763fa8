import { beforeEach, describe, expect, it } from 'vitest';
import { expectedTaskDuration, forgetTaskDurations, recordTaskDuration, serverDurationMs } from './task-durations.ts';

beforeEach(() => {
  forgetTaskDurations();
});

describe('task durations', () => {
  it('take the server time of a task with both timestamps, 0 included, and refuse a negative one', () => {
    expect(serverDurationMs({ state: 'COMPLETED', create_time: 10, last_update_time: 60 })).toBe(50);
    expect(serverDurationMs({ state: 'COMPLETED', create_time: 10, last_update_time: 10 })).toBe(0);
    expect(serverDurationMs({ state: 'COMPLETED', create_time: 10, last_update_time: 9 })).toBeUndefined();
    expect(serverDurationMs({ state: 'COMPLETED', create_time: 10 })).toBeUndefined();
    expect(serverDurationMs({ state: 'COMPLETED', last_update_time: 10 })).toBeUndefined();
  });

  it('expect the median of the last five per kind', () => {
    expect(expectedTaskDuration('deploy a')).toBeUndefined();
    for (const ms of [900, 100, 300]) {
      recordTaskDuration('deploy a', ms);
    }
    expect(expectedTaskDuration('deploy a')).toBe(300);
    recordTaskDuration('deploy a', 200);
    expect(expectedTaskDuration('deploy a')).toBe(300);
    for (const ms of [10, 20, 30]) {
      recordTaskDuration('deploy a', ms);
    }
    // 900 and 100 dropped out: 300, 200, 10, 20, 30.
    expect(expectedTaskDuration('deploy a')).toBe(30);
    expect(expectedTaskDuration('deploy b')).toBeUndefined();
    forgetTaskDurations();
    expect(expectedTaskDuration('deploy a')).toBeUndefined();
  });
});
