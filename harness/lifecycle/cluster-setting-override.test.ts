import { describe, expect, it, vi } from 'vitest';
import type { PutClusterSettingsRequest, SettingValue } from '../ml/cluster-api.ts';
import { MlHttpError } from '../ml/errors.ts';
import { fakeTimeEachTest, settle } from '../ml/testing/fake-time.ts';
import { overrideClusterSettings, type SettingsClient } from './cluster-setting-override.ts';
import { ResourceLedger } from './resource-ledger.ts';

const breaker = () =>
  new MlHttpError({
    status: 429,
    method: 'PUT',
    path: '/_cluster/settings',
    body: { error: { type: 'circuit_breaking_exception', reason: '[parent] Data too large' } },
  });

/** Persistent settings as a cluster holds them; each PUT is recorded, and the first `refusals` answer 429. */
function cluster(persistent: Record<string, SettingValue>, refusals = 0) {
  const puts: PutClusterSettingsRequest[] = [];
  const reads: unknown[] = [];
  let refused = 0;
  const client: SettingsClient = {
    getClusterSettings: (options) => {
      reads.push(options);
      return Promise.resolve({ persistent: { ...persistent }, transient: {} });
    },
    putClusterSettings: (request) => {
      if (puts.length > 0 && refused < refusals) {
        refused += 1;
        return Promise.reject(breaker());
      }
      puts.push(request);
      return Promise.resolve({ acknowledged: true });
    },
  };
  return { client, puts, reads };
}

const SYNC = 'plugins.ml_commons.sync_up_job_interval_in_seconds';
const TRUSTED = 'plugins.ml_commons.trusted_url_regex';

describe('overrideClusterSettings', () => {
  // The restore pauses on the release backoff after a 429; the fake clock keeps that pause out of the test's time.
  fakeTimeEachTest();

  it('puts back the previous persistent value, and null for a setting that had none', async () => {
    const c = cluster({ [SYNC]: '10', 'plugins.other': 'x' });
    const ledger = new ResourceLedger();
    const restore = await overrideClusterSettings(c.client, ledger, { [SYNC]: 0, [TRUSTED]: '.*' });
    // Only persistent values are put back: defaults would pin today's default on the cluster for good.
    expect(c.reads).toEqual([{ includeDefaults: false }]);
    expect(c.puts).toEqual([{ persistent: { [SYNC]: 0, [TRUSTED]: '.*' } }]);
    expect(ledger.pending.map((r) => [r.kind, r.id, r.label])).toEqual([
      ['cluster-setting', `settings:${SYNC},${TRUSTED}`, `restore ${SYNC}="10", ${TRUSTED}=null`],
    ]);
    await restore();
    expect(c.puts[1]).toEqual({ persistent: { [SYNC]: '10', [TRUSTED]: null } });
    expect(ledger.pending).toEqual([]);
  });

  it('names the entry by the sorted keys, so the same change tracks under one id', async () => {
    const ledger = new ResourceLedger();
    await overrideClusterSettings(cluster({}).client, ledger, { b: 1, a: 2 });
    expect(ledger.pending.map((r) => r.id)).toEqual(['settings:a,b']);
  });

  it('restores once, whether the check or the ledger asks first', async () => {
    const c = cluster({ [SYNC]: '10' });
    const ledger = new ResourceLedger();
    const restore = await overrideClusterSettings(c.client, ledger, { [SYNC]: 0 });
    await ledger.releaseAll();
    await restore();
    expect(c.puts).toEqual([{ persistent: { [SYNC]: 0 } }, { persistent: { [SYNC]: '10' } }]);
  });

  it('sends a restore refused with 429 again, and untracks it only once it went through', async () => {
    const c = cluster({ [SYNC]: '3' }, 1);
    const ledger = new ResourceLedger();
    const other = ledger.track({ kind: 'cluster-setting', id: 'other', label: 'x', release: () => Promise.resolve() });
    const restore = await overrideClusterSettings(c.client, ledger, { [SYNC]: 0 });
    const restored = settle(restore());
    await vi.advanceTimersByTimeAsync(0);
    expect(ledger.pending).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(250);
    expect(await restored).toEqual({ value: undefined });
    expect(c.puts).toEqual([{ persistent: { [SYNC]: 0 } }, { persistent: { [SYNC]: '3' } }]);
    expect(ledger.pending).toEqual([other]);
  });

  it('names the settings when a restore is still refused after its retries', async () => {
    const c = cluster({ [SYNC]: '3' }, 10);
    const restore = await overrideClusterSettings(c.client, new ResourceLedger(), { [SYNC]: 0 });
    const restored = settle(restore());
    await vi.advanceTimersByTimeAsync(2000);
    expect(((await restored).error as Error).message).toMatch(
      new RegExp(`^gave up releasing cluster settings settings:${SYNC.replaceAll('.', '\\.')}: `),
    );
  });
});
