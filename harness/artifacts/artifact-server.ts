/**
 * A tiny HTTP server from which the cluster downloads model zips (register-by-URL). It serves only what was
 * published, under a content-addressed path `/sha256/<digest>/<basename>`, and compares the raw request target
 * with those paths byte for byte: nothing is decoded or normalised, so `..`, `%2e%2e`, double slashes, absolute
 * URLs and query strings can never reach another file, they simply do not match. Every request is recorded, so
 * suites can assert that the cluster downloaded what they expected (and how often).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, resolve } from 'node:path';
import { SHA256_HEX, digestFile, type FileDigest } from './file-digest.ts';

export interface ArtifactServerOptions {
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /**
   * Base URL under which the cluster reaches this server when it differs from the bind address (e.g. a
   * container that sees the host under another name). A function receives the bound port.
   */
  readonly publicBaseUrl?: string | ((port: number) => string);
}

export interface PublishedArtifact {
  readonly urlPath: string;
  /** `publicBaseUrl` (or the bound address) + `urlPath`: what goes into the register request. */
  readonly url: string;
  readonly sha256: string;
  readonly size: number;
}

export interface DownloadRecord {
  readonly method: string;
  /** Raw request target as received. */
  readonly path: string;
  /** Digest of the artifact served; absent when nothing matched. */
  readonly sha256?: string;
  readonly status: number;
  /** Body bytes sent. */
  readonly bytes: number;
  /** ISO timestamp of the request. */
  readonly at: string;
}

export interface ArtifactServer {
  /** Base URL the cluster uses (the `publicBaseUrl` override when given). */
  readonly baseUrl: string;
  /** Where the server really listens, for local clients. */
  readonly localBaseUrl: string;
  publish(filePath: string, sha256?: string): Promise<PublishedArtifact>;
  downloads(): DownloadRecord[];
  close(): Promise<void>;
}

interface Entry {
  readonly filePath: string;
  readonly sha256: string;
  readonly size: number;
  /** The file as it was when its digest was last confirmed. */
  stamp: FileStamp;
}

/**
 * What changes when a file's content may have changed: a write moves mtime and ctime (ctime cannot be set back, even
 * by `touch -r`), a replacement changes the inode. The digest is only recomputed when the stamp moved.
 */
interface FileStamp {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
}

async function stampOf(filePath: string): Promise<FileStamp | undefined> {
  const stats = await stat(filePath, { bigint: true }).catch(() => undefined);
  return stats === undefined
    ? undefined
    : { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs, ctimeNs: stats.ctimeNs };
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/** The digest and the stamp it belongs to; undefined when the file is missing or changed while it was hashed. */
async function stampedDigest(filePath: string): Promise<{ digest: FileDigest; stamp: FileStamp } | undefined> {
  const before = await stampOf(filePath);
  const digest = await digestFile(filePath).catch(() => undefined);
  const after = await stampOf(filePath);
  if (before === undefined || digest === undefined || after === undefined || !sameStamp(before, after)) {
    return undefined;
  }
  return { digest, stamp: before };
}

// Also keeps URLs inside ML Commons' default trusted_url_regex character set.
const SAFE_BASENAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export async function startArtifactServer(options: ArtifactServerOptions = {}): Promise<ArtifactServer> {
  const host = options.host ?? '127.0.0.1';
  const published = new Map<string, Entry>();
  const records: { -readonly [K in keyof DownloadRecord]: DownloadRecord[K] }[] = [];

  const server = createServer((request, response) => {
    const record = {
      method: request.method ?? '',
      path: request.url ?? '',
      status: 0,
      bytes: 0,
      at: new Date().toISOString(),
    };
    records.push(record);
    void handle(request, response, published, record).catch(() => response.destroy());
  });
  // Requests Node's HTTP parser rejects (e.g. a backslash in the target) never reach the handler; record them too.
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    const [method = '', path = ''] = (error.rawPacket?.toString('latin1').split('\r\n')[0] ?? '').split(' ');
    records.push({ method, path, status: 400, bytes: 0, at: new Date().toISOString() });
    if (socket.writable) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else {
      socket.destroy();
    }
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const localBaseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const override = options.publicBaseUrl;
  const baseUrl = (typeof override === 'function' ? override(port) : (override ?? localBaseUrl)).replace(/\/+$/, '');

  return {
    baseUrl,
    localBaseUrl,
    async publish(filePath, sha256) {
      const absolute = resolve(filePath);
      const name = basename(absolute);
      if (!SAFE_BASENAME.test(name)) {
        throw new Error(`artifact server: file name ${JSON.stringify(name)} must match ${SAFE_BASENAME.source}`);
      }
      if (sha256 !== undefined && !SHA256_HEX.test(sha256)) {
        throw new Error(`artifact server: ${JSON.stringify(sha256)} is not a lowercase hex sha256`);
      }
      const stamped = await stampedDigest(absolute);
      if (stamped === undefined) {
        throw new Error(`artifact server: ${absolute} is missing or changed while it was being hashed`);
      }
      const { digest, stamp } = stamped;
      if (sha256 !== undefined && sha256 !== digest.sha256) {
        throw new Error(`artifact server: ${absolute} has sha256 ${digest.sha256}, not ${sha256}`);
      }
      const urlPath = `/sha256/${digest.sha256}/${name}`;
      published.set(urlPath, { filePath: absolute, sha256: digest.sha256, size: digest.size, stamp });
      return { urlPath, url: `${baseUrl}${urlPath}`, sha256: digest.sha256, size: digest.size };
    },
    downloads: () => records.map((record) => ({ ...record })),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose, reject) =>
        server.close((error) => (error ? reject(error) : resolveClose())),
      );
    },
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  published: ReadonlyMap<string, Entry>,
  record: { status: number; bytes: number; sha256?: string },
): Promise<void> {
  const reply = (status: number, headers: Record<string, string> = {}): void => {
    record.status = status;
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    response.end(status === 404 ? 'Not Found\n' : status === 405 ? 'Method Not Allowed\n' : 'Error\n');
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    reply(405, { Allow: 'GET, HEAD' });
    return;
  }
  const entry = published.get(request.url ?? '');
  if (!entry) {
    reply(404);
    return;
  }
  // The digest in the path (and the ETag) promises the content: a file whose stamp moved since its digest was
  // confirmed is hashed again, and refused unless it still has that digest (a same-size edit included).
  if (!(await stillPublishedContent(entry))) {
    reply(500);
    return;
  }
  record.sha256 = entry.sha256;
  record.status = 200;
  response.writeHead(200, {
    'Content-Type': entry.filePath.endsWith('.zip') ? 'application/zip' : 'application/octet-stream',
    'Content-Length': String(entry.size),
    ETag: `"${entry.sha256}"`,
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(entry.filePath);
  stream.on('data', (chunk) => {
    record.bytes += chunk.length;
  });
  stream.on('error', () => response.destroy());
  response.on('close', () => stream.destroy());
  stream.pipe(response);
}

async function stillPublishedContent(entry: Entry): Promise<boolean> {
  const current = await stampOf(entry.filePath);
  if (current !== undefined && sameStamp(current, entry.stamp)) {
    return true;
  }
  const stamped = await stampedDigest(entry.filePath);
  if (stamped?.digest.sha256 !== entry.sha256) {
    return false;
  }
  entry.stamp = stamped.stamp;
  return true;
}
