/**
 * Artifact server behaviour that each test sets up itself (a server started in `beforeAll` runs before a mutation
 * run activates its mutant, so its setup code is checked here): bind options, base URLs, answers and records.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArtifactServer, startArtifactServer } from './artifact-server.ts';

let dir = '';
const servers: ArtifactServer[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'omlc-artifact-own-'));
});

afterEach(async () => {
  for (const server of servers.splice(0)) {
    await server.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

async function started(options: Parameters<typeof startArtifactServer>[0] = {}): Promise<ArtifactServer> {
  const server = await startArtifactServer(options);
  servers.push(server);
  return server;
}

function freePort(): Promise<number> {
  const probe = createServer();
  return new Promise((resolve) =>
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    }),
  );
}

/** A raw TCP client: sends bytes an HTTP client would refuse to send. */
function rawSocket(host: string, port: number): Socket {
  return connect({ host, port });
}

describe('starting the artifact server', () => {
  it('binds 127.0.0.1 on a free port by default, with no requests recorded yet', async () => {
    const server = await started();
    expect(server.localBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseUrl).toBe(server.localBaseUrl);
    expect(server.downloads()).toEqual([]);
  });

  it('listens on the port it is given, and fails when that port is taken', async () => {
    const port = await freePort();
    const server = await started({ port });
    expect(server.localBaseUrl).toBe(`http://127.0.0.1:${port}`);
    await expect(startArtifactServer({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('puts an IPv6 host in brackets', async () => {
    const server = await started({ host: '::1' }).catch(() => undefined);
    if (server !== undefined) {
      expect(server.localBaseUrl).toMatch(/^http:\/\/\[::1\]:\d+$/);
    }
  });

  it('drops every trailing slash of a public base URL', async () => {
    const server = await started({ publicBaseUrl: 'http://host.docker.internal:9//' });
    expect(server.baseUrl).toBe('http://host.docker.internal:9');
  });
});

describe('answers', () => {
  it('refuses to publish a missing file', async () => {
    const server = await started();
    const missing = path.join(dir, 'gone.zip');
    await expect(server.publish(missing)).rejects.toThrow(
      `artifact server: ${missing} is missing or changed while it was being hashed`,
    );
  });

  it('serves other files as octet-stream, and records no body bytes for HEAD', async () => {
    const server = await started();
    const file = path.join(dir, 'weights.bin');
    writeFileSync(file, 'twelve bytes');
    const published = await server.publish(file);
    const head = await fetch(`${server.localBaseUrl}${published.urlPath}`, { method: 'HEAD' });
    expect(head.headers.get('content-type')).toBe('application/octet-stream');
    expect(head.headers.get('etag')).toBe(`"${published.sha256}"`);
    expect(server.downloads()).toEqual([
      expect.objectContaining({ method: 'HEAD', path: published.urlPath, status: 200, bytes: 0 }),
    ]);
  });

  it('words each refusal in plain text', async () => {
    const server = await started();
    const file = path.join(dir, 'model.zip');
    writeFileSync(file, 'zip');
    const published = await server.publish(file);
    const missing = await fetch(`${server.localBaseUrl}/nothing`);
    expect(missing.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await missing.text()).toBe('Not Found\n');
    const post = await fetch(`${server.localBaseUrl}${published.urlPath}`, { method: 'POST' });
    expect(await post.text()).toBe('Method Not Allowed\n');
    writeFileSync(file, 'other content');
    const changed = await fetch(`${server.localBaseUrl}${published.urlPath}`);
    expect(changed.status).toBe(500);
    expect(await changed.text()).toBe('Error\n');
    expect(server.downloads().map((record) => record.status)).toEqual([404, 405, 500]);
  });

  it('records a request the HTTP parser rejects, with its method and target', async () => {
    const server = await started();
    const { hostname, port } = new URL(server.localBaseUrl);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = rawSocket(hostname, Number(port));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.write('GET \\bad\\path HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(server.downloads()).toEqual([
      expect.objectContaining({ method: 'GET', path: '\\bad\\path', status: 400, bytes: 0 }),
    ]);
  });

  it('closes while a client keeps its connection open', async () => {
    // Not in `servers`: closing it is what this test checks (a kept-alive connection must not hold close() up).
    const server = await startArtifactServer();
    const { hostname, port } = new URL(server.localBaseUrl);
    const socket = rawSocket(hostname, Number(port));
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    socket.write('GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    await server.close();
    socket.destroy();
  });
});
