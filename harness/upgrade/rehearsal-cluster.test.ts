import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { MlClient } from '../ml/client.ts';
import type { NativeCluster, StartNativeOptions } from '../targets/native/index.ts';
import { AUTO_REDEPLOY_SETTING, RehearsalCluster } from './rehearsal-cluster.ts';

const root = mkdtempSync(join(tmpdir(), 'omlc-rehearsal-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function fakeNode(version: string, port: number, tail: string): NativeCluster {
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    version,
    distribution: 'opensearch',
    pid: port,
    runDir: '/r',
    logsDir: '/r/logs',
    dataDir: '/d',
    stop: vi.fn(() => Promise.resolve()),
    logTail: () => Promise.resolve(tail),
    died: new Promise(() => undefined),
    [Symbol.asyncDispose]: () => Promise.resolve(),
  };
}

const CLOSED =
  '[2026-12-02T02:28:43,017][INFO ][o.o.n.Node ] [omlc-node] stopped\n[2026-12-02T02:28:43,030][INFO ][o.o.n.Node ] [omlc-node] closed';

describe('RehearsalCluster', () => {
  it('starts both versions on the same kept data dir with the same auto-redeploy setting, one after the other', async () => {
    const dataDir = join(root, 'kept');
    mkdirSync(dataDir);
    const starts: StartNativeOptions[] = [];
    const nodes = [fakeNode('2.19.6', 9201, CLOSED), fakeNode('3.6.0', 9202, 'killed')];
    const clients: string[] = [];
    const rehearsal = new RehearsalCluster({
      dataDir,
      autoRedeploy: false,
      startCluster: (options) => {
        starts.push(options);
        return Promise.resolve(nodes[starts.length - 1] as NativeCluster);
      },
      createClient: (baseUrl) => {
        clients.push(baseUrl);
        return { baseUrl, close: () => Promise.resolve() } as unknown as MlClient;
      },
    });
    await rehearsal.start('2.19.6');
    await expect(rehearsal.start('3.6.0')).rejects.toThrow('the rehearsal node 2.19.6 is still running');
    const stopped = await rehearsal.stop();
    expect(stopped).toMatchObject({ version: '2.19.6', clean: true });
    await rehearsal.start('3.6.0');
    expect(rehearsal.client.baseUrl).toBe('http://127.0.0.1:9202');
    expect(starts.map((s) => [s.version, s.dataDir, s.extraSettings?.[AUTO_REDEPLOY_SETTING]])).toEqual([
      ['2.19.6', dataDir, false],
      ['3.6.0', dataDir, false],
    ]);
    expect(clients).toEqual(['http://127.0.0.1:9201', 'http://127.0.0.1:9202']);
    expect((await rehearsal.stop()).clean).toBe(false);
    await rehearsal.dispose();
    expect(existsSync(dataDir)).toBe(false);
  });
});
