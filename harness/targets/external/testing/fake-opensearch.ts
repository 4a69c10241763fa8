/**
 * A plain-HTTP stand-in for the cluster endpoints the external target reads and writes before any suite runs:
 * `GET /`, `GET/PUT _cluster/settings` (flat, with defaults; null removes), `GET _nodes`, `GET _nodes/stats/fs`.
 * Records every PUT so tests can prove that nothing is changed without permission.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startHttpServer, type LocalServer } from './local-servers.ts';

export interface FakeOpenSearch extends LocalServer {
  readonly persistent: Record<string, unknown>;
  readonly transient: Record<string, unknown>;
  readonly puts: unknown[];
}

export interface FakeOpenSearchOptions {
  readonly version?: string;
  readonly defaults: Record<string, unknown>;
  readonly persistent?: Record<string, unknown>;
  readonly roles?: readonly string[];
  readonly availableBytes?: number;
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
}

export async function startFakeOpenSearch(options: FakeOpenSearchOptions): Promise<FakeOpenSearch> {
  const persistent: Record<string, unknown> = { ...options.persistent };
  const transient: Record<string, unknown> = {};
  const puts: unknown[] = [];
  const node = { name: 'node-1', roles: options.roles ?? ['data', 'ingest', 'cluster_manager'], version: '2.19.1' };
  const server = await startHttpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    void (async () => {
      if (path === '/' && req.method === 'GET') {
        send(res, 200, {
          cluster_name: 'fake',
          version: { distribution: 'opensearch', number: options.version ?? '2.19.1' },
        });
      } else if (path === '/_cluster/settings' && req.method === 'GET') {
        send(res, 200, { persistent, transient, defaults: options.defaults });
      } else if (path === '/_cluster/settings' && req.method === 'PUT') {
        const request = (await body(req)) as Record<'persistent' | 'transient', Record<string, unknown>>;
        puts.push(request);
        for (const [scope, target] of [
          ['persistent', persistent],
          ['transient', transient],
        ] as const) {
          for (const [key, value] of Object.entries(request[scope])) {
            if (value === null) {
              delete target[key];
            } else {
              target[key] = typeof value === 'string' ? value : JSON.stringify(value);
            }
          }
        }
        send(res, 200, { acknowledged: true, persistent, transient });
      } else if (path === '/_nodes') {
        send(res, 200, { nodes: { n1: node } });
      } else if (path === '/_nodes/stats/fs') {
        send(res, 200, {
          nodes: { n1: { ...node, fs: { total: { available_in_bytes: options.availableBytes ?? 50 * 1024 ** 3 } } } },
        });
      } else {
        send(res, 404, { error: { reason: `no route ${req.method ?? ''} ${path}` } });
      }
    })();
  });
  return { ...server, persistent, transient, puts };
}
