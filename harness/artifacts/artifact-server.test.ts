import {
  appendFileSync,
  copyFileSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFromRepo } from '../models/repo-paths.ts';
import { type ArtifactServer, type PublishedArtifact, startArtifactServer } from './artifact-server.ts';
import { digestFileSync } from './file-digest.ts';

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** node:http sends the path byte for byte (fetch would normalise `..` and `%2e%2e` before sending). */
function rawRequest(baseUrl: string, method: string, path: string): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const SOURCE = resolveFromRepo('fixtures/bad-cards/_shared/model.zip');

describe('artifact server', () => {
  let dir = '';
  let server: ArtifactServer;
  let artifact: PublishedArtifact;
  let zipPath = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'omlc-artifacts-'));
    zipPath = join(dir, 'model.zip');
    copyFileSync(SOURCE, zipPath);
    writeFileSync(join(dir, 'secret.txt'), 'not published');
    server = await startArtifactServer({ host: '127.0.0.1', port: 0 });
    artifact = await server.publish(zipPath);
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes under a content-addressed path', () => {
    const { sha256, size } = digestFileSync(SOURCE);
    expect(artifact).toEqual({
      urlPath: `/sha256/${sha256}/model.zip`,
      url: `${server.baseUrl}/sha256/${sha256}/model.zip`,
      sha256,
      size,
    });
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the exact bytes with Content-Length on GET, headers only on HEAD', async () => {
    const get = await rawRequest(server.localBaseUrl, 'GET', artifact.urlPath);
    expect(get.status).toBe(200);
    expect(get.headers['content-length']).toBe(String(artifact.size));
    expect(get.headers['content-type']).toBe('application/zip');
    expect(get.body.equals(readFileSync(SOURCE))).toBe(true);

    const head = await rawRequest(server.localBaseUrl, 'HEAD', artifact.urlPath);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(artifact.size));
    expect(head.body).toHaveLength(0);
  });

  it('is reachable with fetch at the published URL', async () => {
    const response = await fetch(artifact.url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(SOURCE))).toBe(true);
  });

  it('records every request with status and bytes sent', async () => {
    const before = server.downloads().length;
    await rawRequest(server.localBaseUrl, 'GET', artifact.urlPath);
    await rawRequest(server.localBaseUrl, 'GET', '/nope');
    const [ok, missing] = server.downloads().slice(before);
    expect(ok).toMatchObject({
      method: 'GET',
      path: artifact.urlPath,
      sha256: artifact.sha256,
      status: 200,
      bytes: artifact.size,
    });
    expect(missing).toMatchObject({ method: 'GET', path: '/nope', status: 404, bytes: 0 });
    expect(missing?.sha256).toBeUndefined();
    expect(new Date(ok?.at ?? '').getTime()).not.toBeNaN();
  });

  // [label, target built from the published digest and the server port]
  const attacks: readonly (readonly [string, (hex: string, port: string) => string])[] = [
    ['the root (no listing)', () => '/'],
    ['the digest folder', (hex) => `/sha256/${hex}/`],
    ['the digest without a name', (hex) => `/sha256/${hex}`],
    ['another name under a published digest', (hex) => `/sha256/${hex}/secret.txt`],
    ['a published name under another digest', () => `/sha256/${'0'.repeat(64)}/model.zip`],
    ['the digest in uppercase', (hex) => `/sha256/${hex.toUpperCase()}/model.zip`],
    ['dot-dot traversal', (hex) => `/sha256/${hex}/../../../../etc/passwd`],
    ['dot-dot into the publish folder', (hex) => `/sha256/${hex}/../secret.txt`],
    ['encoded dot-dot', (hex) => `/sha256/${hex}/%2e%2e/%2e%2e/etc/passwd`],
    ['encoded dot-dot and slash', (hex) => `/sha256/${hex}/%2E%2E%2Fsecret.txt`],
    ['an encoded name', (hex) => `/sha256/${hex}/model%2ezip`],
    ['a dot segment', (hex) => `/sha256/${hex}/./model.zip`],
    ['a leading double slash', (hex) => `//sha256/${hex}/model.zip`],
    ['an inner double slash', (hex) => `/sha256//${hex}/model.zip`],
    ['a double slash before the name', (hex) => `/sha256/${hex}//model.zip`],
    ['a trailing slash', (hex) => `/sha256/${hex}/model.zip/`],
    ['a query string', (hex) => `/sha256/${hex}/model.zip?download=1`],
    ['a query that looks like a path', (hex) => `/sha256/${hex}/model.zip?/../secret.txt`],
    ['an encoded NUL', (hex) => `/sha256/${hex}/model.zip%00`],
    ['an absolute-form target', (hex, port) => `http://127.0.0.1:${port}/sha256/${hex}/model.zip`],
    ['an absolute file path', () => '/etc/passwd'],
    ['a different prefix case', (hex) => `/SHA256/${hex}/model.zip`],
  ];

  it.for(attacks)('answers 404 for %s', async ([, target]) => {
    const response = await rawRequest(
      server.localBaseUrl,
      'GET',
      target(artifact.sha256, new URL(server.localBaseUrl).port),
    );
    expect(response.status).toBe(404);
    expect(response.body.toString()).toBe('Not Found\n');
  });

  it('refuses a target the HTTP parser rejects (backslashes) with 400, and records it', async () => {
    const path = `\\sha256\\${artifact.sha256}\\model.zip`;
    const response = await rawRequest(server.localBaseUrl, 'GET', path);
    expect(response.status).toBe(400);
    expect(server.downloads().at(-1)).toMatchObject({ method: 'GET', path, status: 400, bytes: 0 });
  });

  it.for(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    'answers 405 to %s, even on a published path',
    async (method) => {
      const response = await rawRequest(server.localBaseUrl, method, artifact.urlPath);
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
    },
  );

  it('verifies a digest given to publish and refuses unsafe file names', async () => {
    await expect(server.publish(zipPath, artifact.sha256)).resolves.toEqual(artifact);
    await expect(server.publish(zipPath, 'f'.repeat(64))).rejects.toThrowError(
      `artifact server: ${zipPath} has sha256 ${artifact.sha256}, not ${'f'.repeat(64)}`,
    );
    await expect(server.publish(zipPath, 'F'.repeat(64))).rejects.toThrowError('is not a lowercase hex sha256');
    const spaced = join(dir, 'my model.zip');
    copyFileSync(SOURCE, spaced);
    await expect(server.publish(spaced)).rejects.toThrowError('file name "my model.zip" must match');
  });

  it('refuses to serve a file that changed after it was published', async () => {
    const changing = join(dir, 'changing.zip');
    copyFileSync(SOURCE, changing);
    const published = await server.publish(changing);
    appendFileSync(changing, 'tampered');
    expect((await rawRequest(server.localBaseUrl, 'GET', published.urlPath)).status).toBe(500);
  });

  /** Overwrites one byte in place: same size, same inode. */
  function flipByte(file: string, at: number): void {
    const fd = openSync(file, 'r+');
    try {
      const original = readFileSync(file)[at] ?? 0;
      writeSync(fd, Buffer.from([original ^ 0xff]), 0, 1, at);
    } finally {
      closeSync(fd);
    }
  }

  it('refuses a same-size change, even with its modification time put back', async () => {
    const file = join(dir, 'same-size.zip');
    copyFileSync(SOURCE, file);
    // Whole seconds, so that putting the time back restores it to the nanosecond.
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const published = await server.publish(file);
    const before = statSync(file, { bigint: true });
    flipByte(file, 100);
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const after = statSync(file, { bigint: true });
    expect([after.size, after.ino, after.mtimeNs]).toEqual([before.size, before.ino, before.mtimeNs]);
    const answer = await rawRequest(server.localBaseUrl, 'GET', published.urlPath);
    expect(answer.status).toBe(500);
    expect(answer.headers.etag).toBeUndefined();
    expect(server.downloads().at(-1)).toMatchObject({ path: published.urlPath, status: 500, bytes: 0 });
    expect(server.downloads().at(-1)?.sha256).toBeUndefined();
    // Put right again, it is served again.
    flipByte(file, 100);
    expect((await rawRequest(server.localBaseUrl, 'GET', published.urlPath)).status).toBe(200);
  });

  it('serves a file whose stamp moved but whose content did not (touched, or replaced by a copy)', async () => {
    const file = join(dir, 'touched.zip');
    copyFileSync(SOURCE, file);
    const published = await server.publish(file);
    utimesSync(file, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const touched = await rawRequest(server.localBaseUrl, 'GET', published.urlPath);
    expect(touched.status).toBe(200);
    expect(touched.headers.etag).toBe(`"${published.sha256}"`);
    const copy = join(dir, 'copy.zip');
    copyFileSync(SOURCE, copy);
    renameSync(copy, file);
    expect((await rawRequest(server.localBaseUrl, 'GET', published.urlPath)).body).toEqual(readFileSync(SOURCE));
  });

  it('refuses a published file that was deleted or replaced by other content', async () => {
    const file = join(dir, 'replaced.zip');
    copyFileSync(SOURCE, file);
    const published = await server.publish(file);
    const other = join(dir, 'other.zip');
    writeFileSync(
      other,
      readFileSync(SOURCE).map((byte, i) => (i === 0 ? byte ^ 1 : byte)),
    );
    renameSync(other, file);
    expect((await rawRequest(server.localBaseUrl, 'GET', published.urlPath)).status).toBe(500);
    rmSync(file);
    expect((await rawRequest(server.localBaseUrl, 'GET', published.urlPath)).status).toBe(500);
  });
});

describe('artifact server base URL override', () => {
  it.for([
    ['a fixed URL', 'http://artifacts.internal:8080/', 'http://artifacts.internal:8080'],
    [
      'a function of the bound port',
      (port: number) => `http://host.docker.internal:${port}`,
      'http://host.docker.internal:',
    ],
  ] as const)('uses %s for published URLs', async ([, publicBaseUrl, expectedPrefix]) => {
    const server = await startArtifactServer({ publicBaseUrl });
    try {
      const published = await server.publish(SOURCE);
      expect(server.baseUrl.startsWith(expectedPrefix)).toBe(true);
      expect(published.url).toBe(`${server.baseUrl}${published.urlPath}`);
      expect(server.localBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await rawRequest(server.localBaseUrl, 'GET', published.urlPath)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('stops answering after close', async () => {
    const server = await startArtifactServer();
    await server.close();
    await expect(rawRequest(server.localBaseUrl, 'GET', '/')).rejects.toThrowError(/ECONNREFUSED/);
  });
});
