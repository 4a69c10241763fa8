/**
 * Local servers for readiness tests: a self-signed HTTPS server, one signed by a test CA (optionally with the wrong
 * host name), a plain HTTP server, each answering with a handler. Certificates are made at test time with openssl.
 */
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runChecked } from '../../native/exec.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LocalServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

async function listen(server: Server, scheme: 'http' | 'https'): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `${scheme}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startHttpServer(handler: Handler): Promise<LocalServer> {
  return listen(createHttpServer(handler), 'http');
}

export async function startHttpsServer(cert: string, key: string, handler: Handler): Promise<LocalServer> {
  return listen(createHttpsServer({ cert: await readFile(cert), key: await readFile(key) }, handler), 'https');
}

/** A self-signed certificate (its own issuer) for 127.0.0.1. */
export async function selfSignedCert(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'self-signed.pem');
  const key = join(dir, 'self-signed-key.pem');
  // prettier-ignore
  await runChecked('openssl', 'openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=omlc-self-signed', '-addext', 'subjectAltName=IP:127.0.0.1',
  ]);
  return { cert, key };
}

export function json(status: number, body: unknown): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
}

export const OPENSEARCH_ROOT = {
  name: 'node-1',
  cluster_name: 'test',
  version: { distribution: 'opensearch', number: '2.19.1' },
};
