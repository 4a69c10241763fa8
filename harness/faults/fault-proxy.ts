/**
 * A fault-injecting HTTP proxy on 127.0.0.1 between the harness and a real cluster, driven by the simulator's fault
 * API (`FaultController`), so the resilience checks run against native, container and external targets too. Per
 * request, in the order a client meets them: added latency (`slow`), a reset connection (`drop`), a 429/503 answer
 * that never reaches the cluster (`burst`); then the request goes upstream and its answer may be rewritten: tasks
 * kept RUNNING (`stickTasks`), a COMPLETED deploy reported FAILED or COMPLETED_WITH_ERROR (`deployOutcome`), the
 * sync-up race (`deployRace`) and a cut-off body (`truncate`) — the last two shared with the simulator
 * (mocks/faults/answer-faults.ts). The misbehaviour switches (`misbehave`) change ML Commons' logic and exist only in
 * the simulator. The harness talks plain HTTP to the proxy; the proxy talks to the cluster as the target connection
 * says (TLS with its CA, or insecure). Basic auth passes through as the client sent it; SigV4 cannot (it signs the
 * host), so targets signed with SigV4 have no fault injection. When the cluster cannot be reached the harness gets a
 * 502 naming the cause, never a silent reset (those are only the `drop` fault's).
 */
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { FaultController, type EndpointKind } from '../../mocks/index.ts';
import { applyAnswerFaults } from '../../mocks/faults/answer-faults.ts';
import { COMMON_ERRORS } from '../../mocks/profiles/common.ts';
import type { TargetConnection } from '../targets/target-info.ts';
import { endpointOf } from './endpoint-of.ts';

export interface ProxyRecord {
  readonly method: string;
  readonly path: string;
  readonly endpoint: EndpointKind;
  /** Status sent to the harness, or `reset`. */
  readonly outcome: number | 'reset';
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: the harness's base URL while faults are wanted. */
  readonly url: string;
  /** The connection the harness uses instead of the target's (same credentials, through the proxy). */
  readonly connection: TargetConnection;
  readonly faults: FaultController;
  readonly requests: readonly ProxyRecord[];
  close(): Promise<void>;
}

interface TaskRewrite {
  stuck: boolean;
  outcome?: { readonly state: 'FAILED' | 'COMPLETED_WITH_ERROR'; readonly error: string };
}

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'COMPLETED_WITH_ERROR', 'CANCELLED', 'EXPIRED']);
const DEFAULT_DEPLOY_ERROR = 'fault proxy: deploy failed on this node';

export async function startFaultProxy(upstream: TargetConnection): Promise<FaultProxy> {
  if (upstream.auth?.type === 'sigv4') {
    throw new Error('the fault proxy cannot sit in front of a SigV4-signed cluster: the signature covers the host');
  }
  const target = new URL(upstream.baseUrl);
  const faults = new FaultController();
  const records: ProxyRecord[] = [];
  const tasks = new Map<string, TaskRewrite>();
  const tls =
    target.protocol === 'https:'
      ? {
          ...(upstream.caFile === undefined ? {} : { ca: readFileSync(upstream.caFile) }),
          rejectUnauthorized: upstream.insecureTls !== true,
        }
      : undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const endpoint = endpointOf(method, path);
    const record = (outcome: ProxyRecord['outcome']): void => {
      records.push({ method, path, endpoint, outcome });
    };
    const body = await readBody(req);
    const delay = faults.takeDelay(endpoint);
    if (delay > 0) {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    if (faults.takeDrop(endpoint)) {
      record('reset');
      req.socket.destroy();
      return;
    }
    const burst = faults.takeBurst(endpoint);
    if (burst !== undefined) {
      const spec =
        burst.status === 429
          ? COMMON_ERRORS.tooManyRequests
          : burst.status === 503
            ? COMMON_ERRORS.serviceUnavailable
            : { type: 'exception', reason: 'fault proxy: simulated fault' };
      const reason = burst.reason ?? spec.reason;
      record(burst.status);
      send(res, burst.status, JSON.stringify(errorEnvelope(burst.status, burst.type ?? spec.type, reason)));
      return;
    }
    let answer: { status: number; body: string; contentType: string | undefined };
    try {
      answer = await forward(target, tls, method, path, req.headers, body);
    } catch (error) {
      // Answered, not reset: a reset reached the harness as a bare "socket hang up" (CI, external TLS cluster) and hid
      // why the cluster could not be reached (certificate, refused, reset by the cluster). 502 is what a gateway says.
      record(502);
      const reason = `fault proxy: ${target.origin} failed: ${upstreamFailure(error)}`;
      send(res, 502, JSON.stringify(errorEnvelope(502, 'fault_proxy_upstream_exception', reason)));
      return;
    }
    let text = rewriteTasks(faults, tasks, method, path, endpoint, answer.status, answer.body);
    const rewritten = applyAnswerFaults(
      faults,
      { method, path: path.split('?', 1)[0] ?? path, endpoint },
      {
        status: answer.status,
        body: text,
      },
    );
    text = rewritten.body;
    record(rewritten.status);
    send(res, rewritten.status, text, answer.contentType);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    connection: { baseUrl: url, ...(upstream.auth === undefined ? {} : { auth: upstream.auth }) },
    faults,
    requests: records,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Stuck tasks and deploy outcomes: decided when the task is created (as in the simulator), applied to its GETs. */
function rewriteTasks(
  faults: FaultController,
  tasks: Map<string, TaskRewrite>,
  method: string,
  path: string,
  endpoint: EndpointKind,
  status: number,
  body: string,
): string {
  if (status !== 200) {
    return body;
  }
  if (method === 'POST' && (endpoint === 'register' || endpoint === 'deploy')) {
    const created = parse(body);
    const taskId = typeof created?.task_id === 'string' ? created.task_id : undefined;
    if (taskId !== undefined) {
      const type = endpoint === 'register' ? 'REGISTER_MODEL' : 'DEPLOY_MODEL';
      const rewrite: TaskRewrite = { stuck: faults.takeStuck(type) };
      const outcome = endpoint === 'deploy' ? faults.takeDeployOutcome() : undefined;
      if (outcome !== undefined) {
        rewrite.outcome = { state: outcome.outcome, error: outcome.error ?? DEFAULT_DEPLOY_ERROR };
      }
      if (rewrite.stuck || rewrite.outcome !== undefined) {
        tasks.set(taskId, rewrite);
      }
    }
    return body;
  }
  if (method !== 'GET' || endpoint !== 'task') {
    return body;
  }
  const taskId = decodeURIComponent(path.split('?', 1)[0]?.split('/').at(-1) ?? '');
  const rewrite = tasks.get(taskId);
  const task = rewrite === undefined ? undefined : parse(body);
  if (rewrite === undefined || task === undefined || typeof task.state !== 'string' || !TERMINAL.has(task.state)) {
    return body;
  }
  if (rewrite.stuck) {
    return JSON.stringify({ ...task, state: 'RUNNING' });
  }
  if (rewrite.outcome !== undefined && task.state === 'COMPLETED') {
    const nodes = Array.isArray(task.worker_node) ? task.worker_node : [];
    const node = typeof nodes[0] === 'string' ? nodes[0] : 'node';
    const failing = rewrite.outcome.state === 'FAILED' ? node : `${node}-phantom`;
    return JSON.stringify({
      ...task,
      state: rewrite.outcome.state,
      error: JSON.stringify({ [failing]: rewrite.outcome.error }),
    });
  }
  return body;
}

function forward(
  target: URL,
  tls: { ca?: Buffer; rejectUnauthorized: boolean } | undefined,
  method: string,
  path: string,
  incoming: IncomingMessage['headers'],
  body: Buffer,
): Promise<{ status: number; body: string; contentType: string | undefined }> {
  const headers = { ...incoming, host: target.host, 'content-length': String(body.length) };
  delete headers.connection;
  const options = {
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port,
    method,
    path,
    headers,
    ...(tls ?? {}),
  };
  return new Promise((resolve, reject) => {
    const upstreamRequest = (target.protocol === 'https:' ? httpsRequest : httpRequest)(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 502,
          body: Buffer.concat(chunks).toString('utf8'),
          contentType: res.headers['content-type'],
        }),
      );
      res.on('error', reject);
    });
    upstreamRequest.on('error', reject);
    upstreamRequest.end(body);
  });
}

/** The upstream error with its code (e.g. `UNABLE_TO_VERIFY_LEAF_SIGNATURE`, `ECONNRESET`), the part that says why. */
function upstreamFailure(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  contentType = 'application/json; charset=UTF-8',
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function errorEnvelope(status: number, type: string, reason: string): object {
  return { error: { root_cause: [{ type, reason }], type, reason }, status };
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
