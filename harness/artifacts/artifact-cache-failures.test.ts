/**
 * downloadArtifact without a network: an injected fetch fails, answers without a body, or serves bytes, so every
 * branch of the download (and what it leaves in the cache) is observable.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runConfig } from '../config/run-config.ts';
import { ArtifactDownloadError, cachedArtifactPath, downloadArtifact, localZipPath } from './artifact-cache.ts';

const URL_ = 'http://artifacts.invalid/model.zip';
const BYTES = Buffer.from('PK\u0003\u0004 bytes of a pretend zip');
const SHA = createHash('sha256').update(BYTES).digest('hex');

let root = '';

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'omlc-artifact-fail-'));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

function serving(body: Uint8Array | string | null, init: ResponseInit = {}): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const fake: typeof fetch = (input) => {
    calls.push(input instanceof Request ? input.url : input.toString());
    return Promise.resolve(new Response(body, init));
  };
  return { fetch: fake, calls };
}

function failing(error: unknown): typeof fetch {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a non-Error rejection is one of the cases
  return () => Promise.reject(error);
}

describe('cachedArtifactPath and localZipPath', () => {
  it('default to OMLC_CACHE_DIR of the run configuration', () => {
    const expected = path.join(path.resolve(runConfig().OMLC_CACHE_DIR), 'artifacts', `${SHA}.zip`);
    expect(cachedArtifactPath(SHA)).toBe(expected);
  });

  it('name a committed file as it is, and a URL artifact only once it is in the cache', () => {
    expect(localZipPath({ kind: 'file', path: '/x/model.zip', sha256: SHA, size: 1 }, root)).toBe('/x/model.zip');
    const url = { kind: 'url', url: URL_, sha256: SHA } as const;
    expect(localZipPath(url, root)).toBeUndefined();
    mkdirSync(path.join(root, 'artifacts'));
    writeFileSync(cachedArtifactPath(SHA, root), BYTES);
    expect(localZipPath(url, root)).toBe(path.join(root, 'artifacts', `${SHA}.zip`));
  });
});

describe('downloadArtifact', () => {
  it('creates missing cache folders and logs size and time of the download', async () => {
    const cacheDir = path.join(root, 'deep', 'cache');
    const lines: string[] = [];
    const { fetch, calls } = serving(BYTES);
    vi.spyOn(Date, 'now').mockReturnValueOnce(1_000).mockReturnValueOnce(3_500);
    const target = await downloadArtifact(URL_, SHA, { cacheDir, fetch, log: (line) => lines.push(line) });
    expect(target).toBe(path.join(cacheDir, 'artifacts', `${SHA}.zip`));
    expect(readFileSync(target)).toEqual(BYTES);
    expect(calls).toEqual([URL_]);
    expect(lines).toEqual([`fetched  ${URL_} (0.0 MB in 2.5 s)`]);
    expect(readdirSync(path.join(cacheDir, 'artifacts'))).toEqual([`${SHA}.zip`]);
  });

  it('reuses a verified copy and names it by the first 12 digest characters', async () => {
    const lines: string[] = [];
    mkdirSync(path.join(root, 'artifacts'));
    writeFileSync(cachedArtifactPath(SHA, root), BYTES);
    const { fetch, calls } = serving(BYTES);
    await downloadArtifact(URL_, SHA, { cacheDir: root, fetch, log: (line) => lines.push(line) });
    expect(calls).toEqual([]);
    expect(lines).toEqual([`cached   ${URL_} (${SHA.slice(0, 12)}…)`]);
    await expect(downloadArtifact(URL_, SHA, { cacheDir: root, fetch })).resolves.toBe(cachedArtifactPath(SHA, root));
  });

  it('downloads again over a cached copy whose content no longer matches', async () => {
    mkdirSync(path.join(root, 'artifacts'));
    writeFileSync(cachedArtifactPath(SHA, root), 'corrupted');
    const { fetch, calls } = serving(BYTES);
    const target = await downloadArtifact(URL_, SHA, { cacheDir: root, fetch });
    expect(calls).toEqual([URL_]);
    expect(readFileSync(target)).toEqual(BYTES);
  });

  it('leaves no partial file behind when the digest is wrong', async () => {
    const wrong = 'f'.repeat(64);
    const { fetch } = serving(BYTES);
    const failure = downloadArtifact(URL_, wrong, { cacheDir: root, fetch });
    await expect(failure).rejects.toMatchObject({ name: 'ArtifactDownloadError', code: 'sha256-mismatch' });
    expect(readdirSync(path.join(root, 'artifacts'))).toEqual([]);
  });

  it('names the HTTP status and its text when the server refuses', async () => {
    const { fetch } = serving('gone', { status: 410, statusText: 'Gone' });
    await expect(downloadArtifact(URL_, SHA, { cacheDir: root, fetch })).rejects.toThrow(
      `cannot download ${URL_}: HTTP 410 Gone`,
    );
  });

  it('refuses a successful answer without a body', async () => {
    const { fetch } = serving(null, { status: 200, statusText: 'OK' });
    const failure = downloadArtifact(URL_, SHA, { cacheDir: root, fetch });
    await expect(failure).rejects.toMatchObject({ code: 'download-failed' });
    await expect(failure).rejects.toThrow(`cannot download ${URL_}: HTTP 200 OK`);
  });

  it('explains a failed fetch by its cause, its own message, or the thrown value', async () => {
    const cause = new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND artifacts.invalid') });
    const byCause = downloadArtifact(URL_, SHA, { cacheDir: root, fetch: failing(cause) });
    await expect(byCause).rejects.toBeInstanceOf(ArtifactDownloadError);
    await expect(byCause).rejects.toMatchObject({
      code: 'download-failed',
      message: `cannot download ${URL_}: getaddrinfo ENOTFOUND artifacts.invalid`,
    });
    await expect(
      downloadArtifact(URL_, SHA, { cacheDir: root, fetch: failing(new Error('plain failure', { cause: 'text' })) }),
    ).rejects.toThrow(new ArtifactDownloadError('download-failed', `cannot download ${URL_}: plain failure`));
    await expect(downloadArtifact(URL_, SHA, { cacheDir: root, fetch: failing('just a string') })).rejects.toThrow(
      `cannot download ${URL_}: just a string`,
    );
  });
});
