/**
 * The deadline of a check's waits, derived from and inside its Vitest test timeout: a register or deploy that cannot
 * finish then ends as the waiter's timeout error, with the history of states it saw, and its polling stops — instead
 * of Vitest cutting the test off with `Test timed out in 30000ms` while the abandoned polls keep running. The margin
 * (10 % of the timeout, between 1 s and 10 s) leaves time for the last poll to return and the check to report.
 */
const MIN_MARGIN_MS = 1_000;
const MAX_MARGIN_MS = 10_000;

/** Clock time by which every wait of a check started at `startedAt` must be over; undefined without a timeout. */
export function checkDeadline(startedAt: number, testTimeoutMs: number | undefined): number | undefined {
  if (testTimeoutMs === undefined || !(testTimeoutMs > 0) || !Number.isFinite(testTimeoutMs)) {
    return undefined;
  }
  const margin = Math.min(Math.max(testTimeoutMs * 0.1, MIN_MARGIN_MS), MAX_MARGIN_MS);
  return startedAt + testTimeoutMs - margin;
}
