/**
 * Releases ride out a tripped circuit breaker. A node short of heap refuses requests with 429 — OpenSearch's
 * `circuit_breaking_exception` ("[parent] Data too large, …") or ML Commons' "Memory Circuit Breaker is open" — before
 * doing anything, so asking again is safe, and a moment later (a garbage collection, the releases before this one
 * freeing memory) it usually passes. Without this a release gave up at the first 429 and the resource stayed, loaded,
 * until the end-of-run audit found it. Only 429 is retried: any other answer is about the resource itself (404 gone,
 * 400/409 refused) and asking again would not change it.
 */
import { OmlcError } from '../errors/omlc-error.ts';
import { systemClock, type Clock } from '../ml/clock.ts';
import { isMlHttpError, type MlHttpError } from '../ml/errors.ts';

/** The pauses before the 2nd, 3rd and 4th attempt: 1.75 s in all, well inside any release's wait budget. */
export const RELEASE_BACKOFF_MS: readonly number[] = [250, 500, 1000];

export interface ReleaseRetryOptions {
  /** What is released, as the message names it when the release gives up: `model m1`, `model group g1 (omlc-…)`. */
  readonly resource: string;
  readonly clock?: Clock | undefined;
  /** The release's own budget for its waits: no pause ends later than this after the first attempt. */
  readonly budgetMs?: number | undefined;
  /** A second Ctrl-C: no more pauses (the attempt under way was still made; a hurry never skips a delete). */
  readonly hurry?: AbortSignal | undefined;
}

/** A release still refused with 429 after its retries: the resource is left on the cluster. */
export class ReleaseRefusedError extends OmlcError<'release-refused'> {
  override name = 'ReleaseRefusedError';
  readonly resource: string;
  readonly attempts: number;

  constructor(resource: string, attempts: number, elapsedMs: number, last: MlHttpError) {
    super(
      'release-refused',
      `gave up releasing ${resource}: ${refusedBy(last)} after ${attempts} attempt(s) over ` +
        `${(elapsedMs / 1000).toFixed(1)} s (${last.message}); the node is short of memory — free some (undeploy ` +
        'other models), then remove it by hand or run the leak sweep',
      { cause: last },
    );
    this.resource = resource;
    this.attempts = attempts;
  }
}

/** Sends `request`, again after each 429 on the backoff schedule; any other error propagates at once. */
export async function retryReleaseOn429<T>(request: () => Promise<T>, options: ReleaseRetryOptions): Promise<T> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if (!isMlHttpError(error, 429)) {
        throw error;
      }
      const pause = RELEASE_BACKOFF_MS[attempt - 1];
      const elapsed = clock.now() - started;
      const overBudget = pause !== undefined && options.budgetMs !== undefined && elapsed + pause > options.budgetMs;
      if (pause === undefined || overBudget || options.hurry?.aborted === true) {
        throw new ReleaseRefusedError(options.resource, attempt, elapsed, error);
      }
      await clock.sleep(pause);
    }
  }
}

/** Which breaker refused, as far as the answer tells: `[parent]` in OpenSearch's reason, `Memory` in ML Commons'. */
function refusedBy(error: MlHttpError): string {
  const text = error.reasons.join(' ');
  const core = /\[([\w.-]+)\] Data too large/.exec(text)?.[1];
  if (core !== undefined) {
    return `the [${core}] circuit breaker is still open`;
  }
  const ml = /(\w+) Circuit Breaker is open/i.exec(text)?.[1];
  if (ml !== undefined) {
    return `ML Commons' ${ml} circuit breaker is still open`;
  }
  return error.type === 'circuit_breaking_exception'
    ? 'a circuit breaker is still open'
    : `the cluster still answers 429 ${error.type ?? 'Too Many Requests'}`;
}
