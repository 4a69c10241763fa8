/**
 * Cards may point at a URL instead of a committed zip. The harness downloads such an artifact once into the cache
 * (verifying the card's SHA-256), computes references from the local copy and serves it to the cluster from the
 * artifact server like any other zip — clusters in CI have no internet, and the harness must hash what it serves.
 */
import { runConfig } from '../config/run-config.ts';
import { OmlcError } from '../errors/omlc-error.ts';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { CardArtifact } from './artifact-source.ts';
import { sha256File } from './file-digest.ts';

/** `cacheDir` is OMLC_CACHE_DIR; URL artifacts live in its `artifacts/` folder. */
export function cachedArtifactPath(sha256: string, cacheDir: string = runConfig().OMLC_CACHE_DIR): string {
  return path.join(path.resolve(cacheDir), 'artifacts', `${sha256}.zip`);
}

/** The zip on this machine: the committed file, or the downloaded copy of a URL artifact (undefined if absent). */
export function localZipPath(
  artifact: CardArtifact,
  cacheDir: string = runConfig().OMLC_CACHE_DIR,
): string | undefined {
  if (artifact.kind === 'file') {
    return artifact.path;
  }
  const cached = cachedArtifactPath(artifact.sha256, cacheDir);
  return existsSync(cached) ? cached : undefined;
}

export class ArtifactDownloadError extends OmlcError<'download-failed' | 'sha256-mismatch'> {
  override name = 'ArtifactDownloadError';
}

export interface DownloadOptions {
  /** OMLC_CACHE_DIR of the run configuration unless given. */
  readonly cacheDir?: string;
  readonly log?: (line: string) => void;
  readonly fetch?: typeof globalThis.fetch;
}

/** Downloads `url` into the cache unless a verified copy is there; returns the local path. */
export async function downloadArtifact(url: string, sha256: string, options: DownloadOptions = {}): Promise<string> {
  const target = cachedArtifactPath(sha256, options.cacheDir);
  if (existsSync(target) && (await sha256File(target)) === sha256) {
    options.log?.(`cached   ${url} (${sha256.slice(0, 12)}…)`);
    return target;
  }
  await mkdir(path.dirname(target), { recursive: true });
  const started = Date.now();
  const response = await (options.fetch ?? globalThis.fetch)(url).catch((error: unknown) => {
    throw new ArtifactDownloadError(
      'download-failed',
      `cannot download ${url}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`,
    );
  });
  if (!response.ok || response.body === null) {
    throw new ArtifactDownloadError(
      'download-failed',
      `cannot download ${url}: HTTP ${response.status} ${response.statusText}`,
    );
  }
  const partial = `${target}.${process.pid}.partial`;
  const hash = createHash('sha256');
  let bytes = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      hashing,
      createWriteStream(partial),
    );
    const actual = hash.digest('hex');
    if (actual !== sha256) {
      throw new ArtifactDownloadError(
        'sha256-mismatch',
        `${url} does not match the card: the card declares sha256 ${sha256}, the download (${bytes} bytes) is ${actual}`,
      );
    }
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
  options.log?.(`fetched  ${url} (${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return target;
}
