/**
 * A canned-response HTTP(S) server on 127.0.0.1:0 for unit tests of the client: real sockets, so auth headers, TLS,
 * timeouts and refused connections behave as they do against a cluster. Later routes win, like msw's `server.use`.
 * Out of the box it is a cluster without indices or ingest pipelines (the audits list both on every sweep), as a real
 * node answers: `_cat/indices/<pattern>` an empty list, `_ingest/pipeline/<pattern>` a bare `404 {}`.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  /** Parsed JSON when the body is JSON, else the raw text; undefined when empty. */
  readonly body: unknown;
}

export interface CannedReply {
  readonly status?: number;
  /** Serialized as JSON unless `raw` is given. */
  readonly body?: unknown;
  readonly raw?: string;
  readonly contentType?: string;
}

/** `hang`: never answer (for timeouts and aborts). `destroy`: drop the socket. */
export type Reply = CannedReply | 'hang' | 'destroy';
export type Handler = Reply | ((request: RecordedRequest) => Reply | Promise<Reply>);

export interface FakeCluster {
  readonly url: string;
  readonly requests: RecordedRequest[];
  on(method: string, path: string | RegExp, handler: Handler): void;
  close(): Promise<void>;
}

export interface FakeClusterOptions {
  readonly tls?: { readonly key: string; readonly cert: string };
}

interface Route {
  readonly method: string;
  readonly path: string | RegExp;
  readonly handler: Handler;
}

export async function startFakeCluster(options: FakeClusterOptions = {}): Promise<FakeCluster> {
  const routes: Route[] = [
    { method: 'GET', path: /^\/_cat\/indices\/[^/]+$/, handler: { body: [] } },
    { method: 'GET', path: /^\/_ingest\/pipeline\/[^/]+$/, handler: { status: 404, body: {} } },
  ];
  const requests: RecordedRequest[] = [];
  const hanging: ServerResponse[] = [];

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    void handle(req, res);
  };
  const server: Server =
    options.tls === undefined ? createHttpServer(listener) : createHttpsServer(options.tls, listener);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: parseBody(text),
    };
    requests.push(recorded);
    const route = routes.findLast((r) => r.method === recorded.method && matches(r.path, recorded.path));
    const reply: Reply =
      route === undefined
        ? { status: 599, body: { error: `no fake route for ${recorded.method} ${recorded.path}` } }
        : typeof route.handler === 'function'
          ? await route.handler(recorded)
          : route.handler;
    if (reply === 'hang') {
      hanging.push(res);
      return;
    }
    if (reply === 'destroy') {
      req.socket.destroy();
      return;
    }
    const payload = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json; charset=UTF-8' });
    res.end(payload);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const scheme = options.tls === undefined ? 'http' : 'https';

  return {
    url: `${scheme}://127.0.0.1:${port}`,
    requests,
    on(method, path, handler) {
      routes.push({ method, path, handler });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) {
          res.destroy();
        }
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

function parseBody(text: string): unknown {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
