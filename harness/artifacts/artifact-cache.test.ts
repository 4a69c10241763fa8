import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArtifactDownloadError, cachedArtifactPath, downloadArtifact, localZipPath } from './artifact-cache.ts';

const BYTES = Buffer.from('PK\u0003\u0004 pretend this is a zip');
const SHA = createHash('sha256').update(BYTES).digest('hex');

let server: Server;
let base = '';
let hits = 0;
let cacheDir = '';

beforeEach(async () => {
  hits = 0;
  cacheDir = mkdtempSync(path.join(tmpdir(), 'omlc-artifact-cache-'));
  server = createServer((request, response) => {
    hits += 1;
    if (request.url === '/model.zip') {
      response.end(BYTES);
    } else {
      response.writeHead(404).end('no');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('downloadArtifact', () => {
  it('downloads into the cache once, verified, and reuses the copy', async () => {
    const lines: string[] = [];
    const first = await downloadArtifact(`${base}/model.zip`, SHA, { cacheDir, log: (l) => lines.push(l) });
    expect(first).toBe(cachedArtifactPath(SHA, cacheDir));
    expect(readFileSync(first)).toEqual(BYTES);
    await downloadArtifact(`${base}/model.zip`, SHA, { cacheDir, log: (l) => lines.push(l) });
    expect(hits).toBe(1);
    expect(lines[0]).toMatch(/^fetched {2}http:\/\/127\.0\.0\.1:\d+\/model\.zip/);
    expect(lines[1]).toMatch(/^cached {3}/);
    expect(localZipPath({ kind: 'url', url: `${base}/model.zip`, sha256: SHA }, cacheDir)).toBe(first);
  });

  it('refuses a download whose sha256 differs from the card, and keeps nothing', async () => {
    const wrong = '0'.repeat(64);
    await expect(downloadArtifact(`${base}/model.zip`, wrong, { cacheDir })).rejects.toThrow(
      `${base}/model.zip does not match the card: the card declares sha256 ${wrong}, the download (${BYTES.length} bytes) is ${SHA}`,
    );
    expect(localZipPath({ kind: 'url', url: `${base}/model.zip`, sha256: wrong }, cacheDir)).toBeUndefined();
  });

  it('names the URL and the HTTP status when the server refuses', async () => {
    const failure = downloadArtifact(`${base}/missing.zip`, SHA, { cacheDir });
    await expect(failure).rejects.toBeInstanceOf(ArtifactDownloadError);
    await expect(failure).rejects.toThrow(`cannot download ${base}/missing.zip: HTTP 404`);
  });
});
