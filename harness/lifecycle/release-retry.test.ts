import { describe, expect, it } from 'vitest';
import { MlHttpError } from '../ml/errors.ts';
import { jumpingClock } from '../ml/testing/jumping-clock.ts';
import { ReleaseRefusedError, retryReleaseOn429 } from './release-retry.ts';

const DATA_TOO_LARGE =
  '[parent] Data too large, data for [<http_request>] would be [1031798784/984mb], which is larger than the limit of ' +
  '[1020054732/972.7mb]';

function refusal(status: number, type: string, reason: string): MlHttpError {
  const body = { error: { root_cause: [{ type, reason }], type, reason }, status };
  return new MlHttpError({ status, method: 'DELETE', path: '/_plugins/_ml/models/m1', body });
}

const breaker = () => refusal(429, 'circuit_breaking_exception', DATA_TOO_LARGE);

/** A request that fails with `failures` in turn, then answers `done`. */
function scripted(...failures: MlHttpError[]): { send: () => Promise<string>; readonly calls: () => number } {
  let calls = 0;
  return {
    send: () => {
      const failure = failures[calls];
      calls += 1;
      return failure === undefined ? Promise.resolve('done') : Promise.reject(failure);
    },
    calls: () => calls,
  };
}

describe('retryReleaseOn429', () => {
  it('sends again after a 429 and returns the answer', async () => {
    const clock = jumpingClock();
    const request = scripted(breaker());
    await expect(retryReleaseOn429(request.send, { resource: 'model m1', clock })).resolves.toBe('done');
    expect(request.calls()).toBe(2);
    expect(clock.slept).toEqual([250]);
  });

  it('gives up after four attempts, naming the breaker and the resource', async () => {
    const clock = jumpingClock();
    const request = scripted(breaker(), breaker(), breaker(), breaker(), breaker());
    const error = await retryReleaseOn429(request.send, { resource: 'model m1 (omlc-r1-x-model)', clock }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReleaseRefusedError);
    expect((error as ReleaseRefusedError).message).toMatch(
      /^gave up releasing model m1 \(omlc-r1-x-model\): the \[parent\] circuit breaker is still open after 4 attempt\(s\) over 1\.8 s \(DELETE \/_plugins\/_ml\/models\/m1 → 429: \[parent\] Data too large/,
    );
    expect((error as ReleaseRefusedError).cause).toBeInstanceOf(MlHttpError);
    expect(request.calls()).toBe(4);
    expect(clock.slept).toEqual([250, 500, 1000]);
  });

  it("names ML Commons' own breaker, and a 429 that is no breaker as what it is", async () => {
    const ml = refusal(429, 'status_exception', 'Memory Circuit Breaker is open, please check your resources!');
    const pool = refusal(429, 'rejected_execution_exception', 'rejected execution of ML task');
    const give = (e: MlHttpError) =>
      retryReleaseOn429(scripted(e, e, e, e).send, { resource: 'model m1', clock: jumpingClock() }).catch(
        (error: unknown) => (error as Error).message,
      );
    expect(await give(ml)).toContain("ML Commons' Memory circuit breaker is still open");
    expect(await give(pool)).toContain('the cluster still answers 429 rejected_execution_exception');
  });

  it.each([
    ['a 400', refusal(400, 'illegal_argument_exception', 'Model cannot be deleted in deploying or deployed state')],
    ['a 404 (already gone, for the ledger)', refusal(404, 'status_exception', 'Failed to find model')],
    ['a 503', refusal(503, 'cluster_block_exception', 'state not recovered')],
  ])('never retries %s: it propagates unchanged', async (_what, failure) => {
    const clock = jumpingClock();
    const request = scripted(failure);
    await expect(retryReleaseOn429(request.send, { resource: 'model m1', clock })).rejects.toBe(failure);
    expect(request.calls()).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it("pauses only within the release's budget", async () => {
    const clock = jumpingClock();
    const request = scripted(breaker(), breaker(), breaker());
    const error = await retryReleaseOn429(request.send, { resource: 'model m1', clock, budgetMs: 600 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReleaseRefusedError);
    expect(clock.slept).toEqual([250]); // 250 + 500 would end past 600 ms
    expect(request.calls()).toBe(2);
  });

  it('once hurried, makes the attempt but no more pauses', async () => {
    const hurry = new AbortController();
    hurry.abort();
    const clock = jumpingClock();
    const request = scripted(breaker());
    const error = await retryReleaseOn429(request.send, { resource: 'model m1', clock, hurry: hurry.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReleaseRefusedError);
    expect(request.calls()).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it('still pauses when the pause ends exactly at the budget', async () => {
    const clock = jumpingClock();
    const request = scripted(breaker());
    await expect(retryReleaseOn429(request.send, { resource: 'model m1', clock, budgetMs: 250 })).resolves.toBe('done');
    expect(clock.slept).toEqual([250]);
  });

  it('is a coded error with the whole advice in its message', async () => {
    const error = (await retryReleaseOn429(scripted(breaker(), breaker(), breaker(), breaker()).send, {
      resource: 'model m1',
      clock: jumpingClock(),
    }).catch((e: unknown) => e)) as ReleaseRefusedError;
    expect(error.name).toBe('ReleaseRefusedError');
    expect(error.code).toBe('release-refused');
    expect(error.resource).toBe('model m1');
    expect(error.attempts).toBe(4);
    expect(error.message).toMatch(
      /\); the node is short of memory — free some \(undeploy other models\), then remove it by hand or run the leak sweep$/,
    );
  });

  it('reads the breaker out of the whole reason chain, and says what it can when no reason names one', async () => {
    const give = (e: MlHttpError) =>
      retryReleaseOn429(scripted(e, e, e, e).send, { resource: 'model m1', clock: jumpingClock() }).catch(
        (error: unknown) => (error as Error).message,
      );
    const chained = new MlHttpError({
      status: 429,
      method: 'DELETE',
      path: '/_plugins/_ml/models/m1',
      body: {
        error: { root_cause: [{ type: 'x', reason: 'Memory Circuit Breaker is open' }], type: 'x', reason: 'rejected' },
      },
    });
    expect(await give(chained)).toContain("ML Commons' Memory circuit breaker is still open");
    const unnamed = refusal(429, 'circuit_breaking_exception', 'too much');
    expect(await give(unnamed)).toContain('gave up releasing model m1: a circuit breaker is still open after');
    const bare = new MlHttpError({ status: 429, method: 'DELETE', path: '/_plugins/_ml/models/m1', body: '' });
    expect(await give(bare)).toContain(
      'gave up releasing model m1: the cluster still answers 429 Too Many Requests after',
    );
  });
});
