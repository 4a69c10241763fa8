/**
 * How long tasks of one kind took on the server (`last_update_time - create_time`), remembered for this process: a
 * wait for the next such task looks first when it is expected to be done, instead of at once and then on a blind
 * schedule. On a real cluster that sees a 51 ms deploy at ~55 ms with one or two polls, where polling at once and
 * then every 50 ms ×1.5 saw it at 80 or 164 ms with three or four.
 */
import type { Task } from './schemas.ts';

/** The median of the last few durations per kind; old ones drop out, so a cluster that slows down is followed. */
const KEPT = 5;
const durations = new Map<string, number[]>();

export function serverDurationMs(task: Task): number | undefined {
  if (task.create_time === undefined || task.last_update_time === undefined) {
    return undefined;
  }
  const ms = task.last_update_time - task.create_time;
  return ms >= 0 ? ms : undefined;
}

export function recordTaskDuration(kind: string, ms: number): void {
  durations.set(kind, [...(durations.get(kind) ?? []), ms].slice(-KEPT));
}

export function expectedTaskDuration(kind: string): number | undefined {
  const seen = [...(durations.get(kind) ?? [])].sort((a, b) => a - b);
  return seen.length === 0 ? undefined : seen[Math.floor(seen.length / 2)];
}

/** For tests: forget everything. */
export function forgetTaskDurations(): void {
  durations.clear();
}
