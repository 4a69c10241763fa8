import { describe, expect, it, vi } from 'vitest';
import { MlHttpError } from '../ml/errors.ts';
import {
  AlreadyGone,
  LedgerReleaseError,
  ResourceLedger,
  type ResourceKind,
  type TrackedResource,
} from './resource-ledger.ts';

const notFound = () => new MlHttpError({ status: 404, method: 'DELETE', path: '/x', body: { error: 'gone' } });
const conflict = () =>
  new MlHttpError({
    status: 409,
    method: 'DELETE',
    path: '/_plugins/_ml/model_groups/g1',
    body: { error: { reason: 'Cannot delete the model group when it has associated model versions' } },
  });

function resource(kind: ResourceKind, id: string, release: () => Promise<void>, log?: string[]): TrackedResource {
  return {
    kind,
    id,
    label: `omlc-r1-${id}`,
    release: async () => {
      log?.push(`${kind}:${id}`);
      await release();
    },
  };
}

const ok = () => Promise.resolve();

describe('ResourceLedger', () => {
  it('releases newest first', async () => {
    const ledger = new ResourceLedger();
    const log: string[] = [];
    ledger.track(resource('cluster-setting', 's1', ok, log));
    ledger.track(resource('model-group', 'g1', ok, log));
    ledger.track(resource('model', 'm1', ok, log));
    ledger.track(resource('deployment', 'm1', ok, log));

    const report = await ledger.releaseAll();
    expect(log).toEqual(['deployment:m1', 'model:m1', 'model-group:g1', 'cluster-setting:s1']);
    expect(report.released).toHaveLength(4);
    expect(ledger.pending).toEqual([]);
  });

  it('cleans up after a test body throws', async () => {
    const ledger = new ResourceLedger();
    const release = vi.fn(ok);
    const testBody = () => {
      ledger.track(resource('model', 'm1', release));
      throw new Error('assertion failed');
    };
    try {
      testBody();
    } catch {
      // the test runner would report this; cleanup must still happen
    } finally {
      await ledger.releaseAll();
    }
    expect(release).toHaveBeenCalledOnce();
  });

  it('counts a 404 as already gone', async () => {
    const ledger = new ResourceLedger();
    ledger.track(resource('model', 'm1', () => Promise.reject(notFound())));
    const report = await ledger.releaseAll();
    expect(report.alreadyGone.map((r) => r.id)).toEqual(['m1']);
    expect(report.failed).toEqual([]);
    expect(ledger.pending).toEqual([]);
  });

  it('continues past failures and aggregates them', async () => {
    const ledger = new ResourceLedger();
    const log: string[] = [];
    ledger.track(resource('cluster-setting', 's1', ok, log));
    ledger.track(resource('model-group', 'g1', () => Promise.reject(conflict()), log));
    ledger.track(resource('model', 'm1', () => Promise.reject(new Error('socket hang up')), log));
    ledger.track(resource('deployment', 'm1', ok, log));

    const error = await ledger.releaseAll().catch((e: unknown) => e);
    expect(log).toEqual(['deployment:m1', 'model:m1', 'model-group:g1', 'cluster-setting:s1']);
    expect(error).toBeInstanceOf(LedgerReleaseError);
    expect(error).toBeInstanceOf(AggregateError);
    const aggregate = error as LedgerReleaseError;
    expect(aggregate.errors).toHaveLength(2);
    expect(aggregate.report.failed.map((f) => f.resource.id)).toEqual(['m1', 'g1']);
    expect(aggregate.report.released.map((r) => r.id)).toEqual(['m1', 's1']);
    expect(aggregate.message).toContain('could not release 2 resource(s)');
    expect(aggregate.message).toContain('model m1 (omlc-r1-m1): socket hang up');
    expect(aggregate.message).toContain('model-group g1 (omlc-r1-g1): DELETE /_plugins/_ml/model_groups/g1 → 409');
    expect(ledger.pending.map((r) => `${r.kind}:${r.id}`)).toEqual(['model-group:g1', 'model:m1']);
  });

  it('can be released twice: the second run retries only what failed', async () => {
    const ledger = new ResourceLedger();
    const flaky = vi.fn().mockRejectedValueOnce(new Error('timeout')).mockResolvedValue(undefined);
    const steady = vi.fn(ok);
    ledger.track(resource('model-group', 'g1', steady));
    ledger.track(resource('model', 'm1', flaky as () => Promise<void>));

    await expect(ledger.releaseAll()).rejects.toThrow(LedgerReleaseError);
    const second = await ledger.releaseAll();
    const third = await ledger.releaseAll();

    expect(second.released.map((r) => r.id)).toEqual(['m1']);
    expect(third).toEqual({ released: [], alreadyGone: [], failed: [] });
    expect(flaky).toHaveBeenCalledTimes(2);
    expect(steady).toHaveBeenCalledOnce();
  });

  it('shares one run between concurrent releaseAll calls', async () => {
    const ledger = new ResourceLedger();
    const release = vi.fn(() => new Promise<void>((resolve) => setTimeout(resolve, 10)));
    ledger.track(resource('model', 'm1', release));
    const [a, b] = await Promise.all([ledger.releaseAll(), ledger.releaseAll()]);
    expect(a).toBe(b);
    expect(release).toHaveBeenCalledOnce();
  });

  it('untracks what a test deleted itself, optionally by kind', async () => {
    const ledger = new ResourceLedger();
    const release = vi.fn(ok);
    ledger.track(resource('model', 'm1', release));
    ledger.track(resource('deployment', 'm1', release));
    ledger.track(resource('model-group', 'g1', release));

    expect(ledger.untrack('m1', 'deployment')).toBe(true);
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model', 'model-group']);
    expect(ledger.untrack('m1')).toBe(true);
    expect(ledger.untrack('nope')).toBe(false);
    await ledger.releaseAll();
    expect(release).toHaveBeenCalledOnce();
  });

  it('tracks a replacement at the end when what it replaces is gone', () => {
    const ledger = new ResourceLedger();
    const first = ledger.track({ kind: 'model', id: 'pending:x', label: 'x', release: () => Promise.resolve() });
    const other = ledger.track({ kind: 'model-group', id: 'g', label: 'g', release: () => Promise.resolve() });
    ledger.untrack(first.id);
    const model = ledger.replace(first, { kind: 'model', id: 'm1', label: 'x', release: () => Promise.resolve() });
    expect(ledger.pending).toEqual([other, model]);
  });

  it('releases every entry when one release untracks itself', async () => {
    const ledger = new ResourceLedger();
    const released: string[] = [];
    ledger.track({ kind: 'model-group', id: 'g', label: 'g', release: () => Promise.resolve(void released.push('g')) });
    ledger.track({
      kind: 'cluster-setting',
      id: 's',
      label: 's',
      release: () => {
        released.push('s');
        ledger.untrack('s');
        return Promise.resolve();
      },
    });
    const report = await ledger.releaseAll();
    expect(released).toEqual(['s', 'g']);
    expect(report.released.map((r) => r.id)).toEqual(['s', 'g']);
  });

  it('names its errors, and lists every failure on its own line with the errors kept', async () => {
    expect(new AlreadyGone('x')).toMatchObject({ name: 'AlreadyGone', code: 'already-gone', message: 'x' });
    const ledger = new ResourceLedger();
    const boom = new Error('boom');
    const bang = new Error('bang');
    ledger.track({ kind: 'model', id: 'm1', label: 'one', release: () => Promise.reject(boom) });
    ledger.track({ kind: 'model', id: 'm2', label: 'two', release: () => Promise.reject(bang) });
    const error = (await ledger.releaseAll().catch((e: unknown) => e)) as LedgerReleaseError;
    expect(error.name).toBe('LedgerReleaseError');
    expect(error.errors).toEqual([bang, boom]);
    expect(error.message).toBe(
      'could not release 2 resource(s), remove them by hand or run the leak sweep:\n  model m2 (two): bang\n  model m1 (one): boom',
    );
  });
});
