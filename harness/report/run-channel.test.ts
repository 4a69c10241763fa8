/** The main-process channel: global setup/teardown errors and drift tables reach the reporter, and nothing else. */
import type { TestProject } from 'vitest/node';
import { afterEach, describe, expect, it } from 'vitest';
import type { DriftTable } from './drift-slot.ts';
import { channelContents, contributeDrift, recordRunError, reportingErrors, resetChannel } from './run-channel.ts';

const project = { name: 'live:3.6' } as TestProject;
const TABLE: DriftTable = { title: 'Drift', columns: ['a'], rows: [{ cells: ['1'], ok: true }] };

afterEach(resetChannel);

describe('run channel', () => {
  it('keeps errors with the request they name, and only well-formed drift tables', () => {
    recordRunError(
      'global-setup',
      'p1',
      Object.assign(new Error('no cluster'), { request: { method: 'GET', path: '/' } }),
    );
    recordRunError('global-teardown', 'p2', 'leak audit failed');
    contributeDrift([TABLE, { title: 'bad' } as unknown as DriftTable]);
    expect(channelContents()).toEqual({
      errors: [
        { kind: 'global-setup', project: 'p1', message: 'no cluster', request: { method: 'GET', path: '/' } },
        { kind: 'global-teardown', project: 'p2', message: 'leak audit failed' },
      ],
      drift: [TABLE],
    });
  });

  it('hands out copies, lives on globalThis for every module instance, and empties on reset', () => {
    contributeDrift([TABLE]);
    recordRunError('global-setup', 'p', 'x');
    const seen = channelContents();
    (seen.drift as DriftTable[]).push(TABLE);
    expect(channelContents().drift).toHaveLength(1);
    const shared = (globalThis as Record<symbol, { errors: unknown[] } | undefined>)[
      Symbol.for('opensearch-ml-conformance.report-channel')
    ];
    expect(shared?.errors).toHaveLength(1);
    resetChannel();
    expect(channelContents()).toEqual({ errors: [], drift: [] });
  });
});

describe('reportingErrors', () => {
  it('records a failing global setup and rethrows it unchanged', async () => {
    const failure = new Error('setup failed');
    const wrapped = reportingErrors(() => {
      throw failure;
    });
    await expect(wrapped(project)).rejects.toBe(failure);
    expect(channelContents().errors).toEqual([{ kind: 'global-setup', project: 'live:3.6', message: 'setup failed' }]);
  });

  it('runs the teardown, and records and rethrows its error', async () => {
    const calls: string[] = [];
    const ok = await reportingErrors(() => () => {
      calls.push('teardown');
    })(project);
    await ok();
    expect(calls).toEqual(['teardown']);
    expect(channelContents().errors).toEqual([]);
    const failure = new Error('leak audit: 1 model left');
    const failing = await reportingErrors(async () => {
      await Promise.resolve();
      return () => Promise.reject(failure);
    })(project);
    await expect(failing()).rejects.toBe(failure);
    expect(channelContents().errors).toEqual([
      { kind: 'global-teardown', project: 'live:3.6', message: 'leak audit: 1 model left' },
    ]);
  });

  it('accepts a setup without a teardown', async () => {
    const teardown = await reportingErrors(() => undefined)(project);
    await expect(teardown()).resolves.toBeUndefined();
  });
});
