import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installAbortCleanup, type SignalProcess } from './abort-cleanup.ts';
import { ResourceLedger } from './resource-ledger.ts';

/** A process stand-in: real EventEmitter semantics, stubbed kill/exit so the test worker survives. */
function fakeProcess() {
  const kill = vi.fn();
  const exit = vi.fn();
  const proc: EventEmitter & SignalProcess = Object.assign(new EventEmitter(), { pid: 4242, kill, exit });
  return { proc, kill, exit };
}

function ledgerWith(release: () => Promise<void>): ResourceLedger {
  const ledger = new ResourceLedger();
  ledger.track({ kind: 'model', id: 'm1', label: 'omlc-r1-model', release });
  return ledger;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('installAbortCleanup', () => {
  it('releases once on SIGINT, then re-raises the signal without its own handler', async () => {
    const { proc, kill, exit } = fakeProcess();
    const release = vi.fn(() => Promise.resolve());
    const lines: string[] = [];
    installAbortCleanup(ledgerWith(release), { process: proc, log: (l) => lines.push(l) });
    expect(proc.listenerCount('SIGINT')).toBe(1);
    expect(proc.listenerCount('SIGTERM')).toBe(1);

    proc.emit('SIGINT');
    await flush();

    expect(release).toHaveBeenCalledOnce();
    expect(proc.listenerCount('SIGINT')).toBe(0);
    expect(kill).toHaveBeenCalledWith(4242, 'SIGINT');
    expect(exit).not.toHaveBeenCalled();
    expect(lines).toEqual(['SIGINT: releasing 1 resource(s) created by this run…', 'cleanup done']);
  });

  it('works on the real process object with a stubbed kill', async () => {
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    const before = process.listenerCount('SIGTERM');
    const release = vi.fn(() => Promise.resolve());
    installAbortCleanup(ledgerWith(release), { log: () => undefined, signals: ['SIGTERM'] });

    process.emit('SIGTERM');
    await flush();

    expect(release).toHaveBeenCalledOnce();
    expect(kill).toHaveBeenCalledWith(process.pid, 'SIGTERM');
    expect(exit).not.toHaveBeenCalled();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('exits at once on a second signal during cleanup', async () => {
    const { proc, exit } = fakeProcess();
    let finish: () => void = () => undefined;
    const release = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    installAbortCleanup(ledgerWith(release), { process: proc, log: () => undefined });

    proc.emit('SIGTERM');
    proc.emit('SIGTERM');
    expect(exit).toHaveBeenCalledWith(143);
    expect(release).toHaveBeenCalledOnce();
    finish();
    await flush();
  });

  it('reports incomplete cleanup and still re-raises', async () => {
    const { proc, kill } = fakeProcess();
    const onCleaned = vi.fn();
    const lines: string[] = [];
    installAbortCleanup(
      ledgerWith(() => Promise.reject(new Error('cluster gone'))),
      { process: proc, log: (l) => lines.push(l), onCleaned },
    );

    proc.emit('SIGINT');
    await flush();

    expect(lines.at(-1)).toMatch(/^cleanup incomplete: could not release 1 resource\(s\).*cluster gone/s);
    expect(onCleaned).toHaveBeenCalledWith(expect.any(AggregateError));
    expect(kill).toHaveBeenCalledWith(4242, 'SIGINT');
  });

  it('releases once when an AbortSignal fires, without touching the process', async () => {
    const { proc, kill } = fakeProcess();
    const release = vi.fn(() => Promise.resolve());
    const controller = new AbortController();
    const uninstall = installAbortCleanup(ledgerWith(release), {
      process: proc,
      abortSignal: controller.signal,
      log: () => undefined,
    });

    controller.abort();
    controller.abort();
    await flush();

    expect(release).toHaveBeenCalledOnce();
    expect(kill).not.toHaveBeenCalled();
    uninstall();
    expect(proc.listenerCount('SIGINT')).toBe(0);
  });

  it('uninstall removes every handler', () => {
    const { proc } = fakeProcess();
    const controller = new AbortController();
    const release = vi.fn(() => Promise.resolve());
    const uninstall = installAbortCleanup(ledgerWith(release), { process: proc, abortSignal: controller.signal });
    uninstall();

    expect(proc.listenerCount('SIGINT') + proc.listenerCount('SIGTERM')).toBe(0);
    controller.abort();
    expect(release).not.toHaveBeenCalled();
  });
});
