/**
 * The HTTP layer of the ML client: one `@opensearch-project/opensearch` Client per target, raw
 * `transport.request` calls (the typed `client.ml.*` API cannot express every body the suite sends), and the
 * translation of client errors into `MlHttpError` / `MlAuthError` / `MlConnectionError`.
 */
import { runConfig } from '../config/run-config.ts';
import { readFileSync } from 'node:fs';
import { Client, type ClientOptions } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws';
import type { TargetConnection } from '../targets/target-info.ts';
import { describeConnectionFailure } from './connection-failure.ts';
import {
  MlAuthError,
  MlConfigError,
  MlConnectionError,
  MlError,
  MlHttpError,
  ResponseSchemaError,
  type FailedRequest,
} from './errors.ts';
import { preview, redactUrl } from './text.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

export interface MlRequest {
  readonly method: HttpMethod;
  readonly path: string;
  readonly body?: unknown;
  /** NDJSON lines for `_bulk` (each serialized on its own line, `application/x-ndjson`); instead of `body`. */
  readonly bulkBody?: readonly unknown[];
  readonly querystring?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Only for checks of how the server treats a header (e.g. a chunk sent as application/octet-stream). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** Overrides the client's request timeout for this call. */
  readonly timeoutMs?: number;
}

export interface MlResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface MlTransport {
  /** Base URL without user info, safe to print. */
  readonly baseUrl: string;
  send(request: MlRequest, options?: RequestOptions): Promise<MlResponse>;
  close(): Promise<void>;
}

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** When set, the signer asks for fresh credentials shortly before this instant. */
  readonly expiration?: Date;
}

export interface MlClientOptions {
  /** Per-request timeout; default 30 s. */
  readonly requestTimeoutMs?: number;
  /**
   * Transport-level retries on connection errors and 502/503/504. Default 0: retrying is the caller's decision
   * (waitForTask retries GETs), so a POST that created a resource is never silently sent twice.
   */
  readonly maxRetries?: number;
  /** SigV4 credentials; defaults to AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN. */
  readonly sigv4Credentials?: () => Promise<AwsCredentials>;
  /** One line per request (`GET /_plugins/_ml/tasks/x → 200 (12 ms)`); never contains headers or bodies. */
  readonly log?: (line: string) => void;
  /** Called after every request with what it was and the status (none when no answer came). */
  readonly onAnswer?: (request: FailedRequest) => void;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createMlTransport(connection: TargetConnection, options: MlClientOptions = {}): MlTransport {
  const { url, urlAuth } = splitUserInfo(connection.baseUrl);
  const baseUrl = redactUrl(url);
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new Client(clientOptions(connection, url, urlAuth, timeoutMs, options));
  const log = options.log;
  const onAnswer = options.onAnswer;

  async function send(request: MlRequest, requestOptions: RequestOptions = {}): Promise<MlResponse> {
    const { signal } = requestOptions;
    signal?.throwIfAborted();
    const started = performance.now();
    const pending = client.transport.request(
      {
        method: request.method,
        path: request.path,
        ...(request.body === undefined ? {} : { body: request.body as Record<string, unknown> }),
        ...(request.bulkBody === undefined ? {} : { bulkBody: request.bulkBody as Record<string, unknown>[] }),
        ...(request.querystring === undefined ? {} : { querystring: definedOnly(request.querystring) }),
      },
      {
        requestTimeout: requestOptions.timeoutMs ?? timeoutMs,
        maxRetries: options.maxRetries ?? 0,
        ...(request.headers === undefined ? {} : { headers: { ...request.headers } }),
      },
    );
    const onAbort = (): void => {
      pending.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await pending;
      const status = response.statusCode ?? 0;
      log?.(`${request.method} ${request.path} → ${status} (${Math.round(performance.now() - started)} ms)`);
      onAnswer?.({ method: request.method, path: request.path, status });
      return { status, body: response.body as unknown };
    } catch (error) {
      signal?.throwIfAborted();
      const mapped = mapClientError(error, request, baseUrl, requestOptions.timeoutMs ?? timeoutMs);
      const outcome = mapped instanceof MlHttpError ? String(mapped.status) : mapped.name;
      log?.(`${request.method} ${request.path} → ${outcome} (${Math.round(performance.now() - started)} ms)`);
      onAnswer?.(
        mapped instanceof MlHttpError
          ? { method: request.method, path: request.path, status: mapped.status }
          : { method: request.method, path: request.path },
      );
      throw mapped;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    baseUrl,
    send,
    close: () => client.close(),
  };
}

function clientOptions(
  connection: TargetConnection,
  url: string,
  urlAuth: { username: string; password: string } | undefined,
  timeoutMs: number,
  options: MlClientOptions,
): ClientOptions {
  const base: ClientOptions = {
    node: url,
    requestTimeout: timeoutMs,
    maxRetries: options.maxRetries ?? 0,
    // One node: a connection marked dead is still used, and background pings would only add noise.
    resurrectStrategy: 'none',
    ssl: tlsOptions(connection),
  };
  const auth = connection.auth;
  if (auth?.type === 'sigv4') {
    const signer = AwsSigv4Signer({
      region: auth.region,
      service: auth.service,
      getCredentials: credentialsProvider(options.sigv4Credentials),
    });
    return { ...base, ...signer };
  }
  if (auth?.type === 'basic') {
    return { ...base, auth: { username: auth.username, password: auth.password } };
  }
  return urlAuth === undefined ? base : { ...base, auth: urlAuth };
}

function tlsOptions(connection: TargetConnection): ClientOptions['ssl'] {
  const ssl: NonNullable<ClientOptions['ssl']> = {};
  if (connection.caFile !== undefined) {
    try {
      ssl.ca = readFileSync(connection.caFile);
    } catch (error) {
      throw new MlConfigError(
        `cannot read the CA file ${connection.caFile}: ${(error as Error).message} — check OPENSEARCH_CA_FILE`,
      );
    }
  }
  if (connection.insecureTls === true) {
    ssl.rejectUnauthorized = false;
  }
  return ssl;
}

function credentialsProvider(provided: MlClientOptions['sigv4Credentials']): () => Promise<AwsCredentials> {
  const source = provided ?? credentialsFromEnv;
  return async () => {
    try {
      return await source();
    } catch (error) {
      throw new MlConfigError(`SigV4: cannot get AWS credentials: ${(error as Error).message}`);
    }
  };
}

function credentialsFromEnv(): Promise<AwsCredentials> {
  const {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
  } = runConfig();
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    return Promise.reject(new Error('set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN)'));
  }
  return Promise.resolve(
    sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken },
  );
}

function mapClientError(error: unknown, request: MlRequest, baseUrl: string, timeoutMs: number): Error {
  if (error instanceof MlError) {
    return error;
  }
  const err = error as { name?: string; message?: string; statusCode?: number; body?: unknown; data?: unknown };
  const method = request.method;
  if (err.name === 'ResponseError' && typeof err.statusCode === 'number') {
    const init = { status: err.statusCode, method, path: request.path, body: err.body };
    if (err.statusCode === 401 || err.statusCode === 403) {
      return new MlAuthError(init, authHint(err.statusCode));
    }
    return new MlHttpError(init);
  }
  if (err.name === 'DeserializationError') {
    const endpoint = `${method} ${request.path}`;
    const issue = {
      path: '(root)',
      message: `invalid JSON (${err.message ?? 'unparsable'})`,
      value: preview(err.data),
    };
    return new ResponseSchemaError(endpoint, [issue], err.data);
  }
  const failure = describeConnectionFailure(err.name ?? 'Error', err.message ?? String(error), timeoutMs);
  return new MlConnectionError({ method, url: `${baseUrl}${request.path}`, ...failure });
}

function authHint(status: number): string {
  return status === 401
    ? 'authentication failed: check the username/password (OPENSEARCH_USERNAME / OPENSEARCH_PASSWORD) or the AWS credentials'
    : 'authenticated but not allowed: the user lacks a privilege for this API';
}

function splitUserInfo(baseUrl: string): { url: string; urlAuth?: { username: string; password: string } } {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new MlConfigError(`invalid base URL ${redactUrl(baseUrl)}`);
  }
  if (parsed.username === '' && parsed.password === '') {
    return { url: baseUrl };
  }
  const urlAuth = { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), urlAuth };
}

function definedOnly(query: Readonly<Record<string, string | number | boolean | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      out[key] = String(value);
    }
  }
  return out;
}
