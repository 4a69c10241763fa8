import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installEmergencyRestore } from './emergency-restore.ts';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

// The restore blocks this process (spawnSync), so the fake cluster must live in another one: it appends every
// request it receives to a file as a JSON line.
const FAKE_CLUSTER = `
const http = require('node:http');
const fs = require('node:fs');
const [file, status] = process.argv.slice(1);
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    fs.appendFileSync(file, JSON.stringify({ method: req.method, url: req.url, authorization: req.headers.authorization, body: JSON.parse(body) }) + '\\n');
    res.writeHead(Number(status), { 'content-type': 'application/json' });
    res.end(JSON.stringify(Number(status) === 200 ? { acknowledged: true } : { error: { reason: 'nope' }, status: Number(status) }));
  });
});
server.listen(0, '127.0.0.1', () => { process.stdout.write(String(server.address().port) + '\\n'); });
`;

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  children.splice(0).forEach((c) => c.kill());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function fakeCluster(status: number): Promise<{ url: string; received: () => Received[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'omlc-restore-'));
  dirs.push(dir);
  const file = path.join(dir, 'requests.jsonl');
  const child = spawn(process.execPath, ['-e', FAKE_CLUSTER, file, String(status)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  const port = chunk.toString('utf8').trim();
  const received = (): Received[] =>
    existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as Received)
      : [];
  return { url: `http://127.0.0.1:${port}`, received };
}

const BODY = '{"persistent":{"plugins.ml_commons.allow_registering_model_via_url":null},"transient":{}}';

describe('installEmergencyRestore', () => {
  it('restores synchronously on SIGINT, with the run credentials, before the signal returns', async () => {
    const cluster = await fakeCluster(200);
    const signals = new EventEmitter();
    const log: string[] = [];
    installEmergencyRestore(
      {
        connection: { baseUrl: cluster.url, auth: { type: 'basic', username: 'admin', password: 's3cret!' } },
        body: BODY,
      },
      (line) => log.push(line),
      signals,
    );
    signals.emit('SIGINT', 'SIGINT');
    expect(cluster.received()).toEqual([
      {
        method: 'PUT',
        url: '/_cluster/settings',
        authorization: `Basic ${Buffer.from('admin:s3cret!').toString('base64')}`,
        body: JSON.parse(BODY) as unknown,
      },
    ]);
    expect(log.at(-1)).toBe('SIGINT: cluster settings restored');
    expect(log.join('\n')).not.toContain('s3cret!');
  });

  it('prints the manual restore when the cluster refuses, and runs once', async () => {
    const cluster = await fakeCluster(403);
    const signals = new EventEmitter();
    const log: string[] = [];
    installEmergencyRestore({ connection: { baseUrl: cluster.url }, body: BODY }, (line) => log.push(line), signals);
    signals.emit('SIGTERM', 'SIGTERM');
    signals.emit('SIGTERM', 'SIGTERM');
    expect(cluster.received()).toHaveLength(1);
    expect(log.at(-1)).toContain(`restore by hand: PUT _cluster/settings ${BODY}`);
  });

  it('does nothing after uninstall (the normal restore ran)', async () => {
    const cluster = await fakeCluster(200);
    const signals = new EventEmitter();
    const uninstall = installEmergencyRestore(
      { connection: { baseUrl: cluster.url }, body: BODY },
      () => undefined,
      signals,
    );
    uninstall();
    signals.emit('SIGINT', 'SIGINT');
    expect(cluster.received()).toEqual([]);
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });
});
