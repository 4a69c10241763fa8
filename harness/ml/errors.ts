/**
 * Error classes of the ML client. Conformance checks assert on `status` and `reason` (ML Commons' own text), so these
 * carry them as fields; messages never contain credentials because they are built only from the method, the path,
 * the redacted base URL and the server's response body.
 */
import { OmlcError } from '../errors/omlc-error.ts';
import { preview, truncate } from './text.ts';

/** What went wrong talking to ML Commons; each subclass has one code. */
export type MlErrorCode =
  'config' | 'http' | 'auth' | 'connection' | 'response-schema' | 'task-failed' | 'wait-timeout' | 'model-state-failed';

/** The request an error is about, as reports show it next to the message: `GET /_plugins/_ml/tasks/x → 200`. */
export interface FailedRequest {
  readonly method: string;
  readonly path: string;
  /** The HTTP status of the answer; absent when none came (refused, reset, timed out). */
  readonly status?: number;
}

export class MlError extends OmlcError<MlErrorCode> {
  override name = 'MlError';
  /** Set by every error that is about one request, so a failure in a report names it without parsing the message. */
  readonly request: FailedRequest | undefined;

  constructor(code: MlErrorCode, message: string, options?: ErrorOptions & { readonly request?: FailedRequest }) {
    super(code, message, options);
    this.request = options?.request;
  }
}

/** Bad client configuration (unreadable CA file, unsupported URL) detected before any request is sent. */
export class MlConfigError extends MlError {
  override name = 'MlConfigError';

  constructor(message: string, options?: ErrorOptions) {
    super('config', message, options);
  }
}

export interface MlHttpErrorInit {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** The cluster answered with a status ≥ 400. */
export class MlHttpError extends MlError {
  override name = 'MlHttpError';
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** ML Commons' reason text (`error.details`, `error.reason`, `root_cause[0].reason` or a plain string body). */
  readonly reason: string | undefined;
  /** Exception type, e.g. `illegal_argument_exception`. */
  readonly type: string | undefined;
  /** Every reason found in the body (reason, root causes, caused_by chain), for assertions on wrapped causes. */
  readonly reasons: readonly string[];
  readonly body: unknown;

  constructor(init: MlHttpErrorInit, suffix = '', code: 'http' | 'auth' = 'http') {
    const details = describeErrorBody(init.body);
    const shown =
      details.reason ?? (init.body === undefined || init.body === '' ? '(empty body)' : preview(init.body, 300));
    super(code, `${init.method} ${init.path} → ${init.status}: ${truncate(shown, 500)}${suffix}`, {
      request: { method: init.method, path: init.path, status: init.status },
    });
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.reason = details.reason;
    this.type = details.type;
    this.reasons = details.reasons;
    this.body = init.body;
  }
}

/** 401/403: wrong or missing credentials, or a missing privilege. Fail fast instead of retrying. */
export class MlAuthError extends MlHttpError {
  override name = 'MlAuthError';

  constructor(init: MlHttpErrorInit, hint: string) {
    super(init, ` (${hint})`, 'auth');
  }
}

export type ConnectionFailureKind = 'refused' | 'tls' | 'timeout' | 'dns' | 'reset' | 'other';

export interface MlConnectionErrorInit {
  readonly method: string;
  /** Redacted URL (no user info). */
  readonly url: string;
  readonly kind: ConnectionFailureKind;
  /** The low-level message (e.g. `connect ECONNREFUSED 127.0.0.1:9200`). */
  readonly detail: string;
  readonly hint: string;
}

/** No HTTP response at all: refused, TLS failure, DNS, reset or timeout. */
export class MlConnectionError extends MlError {
  override name = 'MlConnectionError';
  readonly method: string;
  readonly url: string;
  readonly kind: ConnectionFailureKind;
  readonly detail: string;
  readonly hint: string;

  constructor(init: MlConnectionErrorInit) {
    super(
      'connection',
      `${init.method} ${init.url} failed (${init.kind}): ${truncate(init.detail, 300)} — ${init.hint}`,
      { request: { method: init.method, path: urlPath(init.url) } },
    );
    this.method = init.method;
    this.url = init.url;
    this.kind = init.kind;
    this.detail = init.detail;
    this.hint = init.hint;
  }
}

export interface SchemaIssue {
  /** e.g. `inference_results[0].output[0].shape[0]` */
  readonly path: string;
  readonly message: string;
  /** Truncated rendering of the offending value, `(missing)` when absent. */
  readonly value: string;
}

/** The cluster answered 2xx but the body does not have the shape the harness relies on. */
export class ResponseSchemaError extends MlError {
  override name = 'ResponseSchemaError';
  /** Endpoint template, e.g. `POST /_plugins/_ml/models/{model_id}/_predict`. */
  readonly endpoint: string;
  readonly issues: readonly SchemaIssue[];
  readonly body: unknown;

  constructor(endpoint: string, issues: readonly SchemaIssue[], body: unknown) {
    const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message} (got ${i.value})`);
    const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
    const [method = '', ...rest] = endpoint.split(' ');
    super('response-schema', `Unexpected response from ${endpoint}: ${shown.join('; ')}${more}`, {
      // A schema error is about a 2xx answer whose body is wrong; the endpoint is its template or its path.
      request: { method, path: rest.join(' ') },
    });
    this.endpoint = endpoint;
    this.issues = issues;
    this.body = body;
  }
}

function urlPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

export function isMlHttpError(error: unknown, status?: number): error is MlHttpError {
  return error instanceof MlHttpError && (status === undefined || error.status === status);
}

/** 404 whose body says an index does not exist: ML Commons creates its system indices lazily. */
export function isIndexNotFound(error: unknown): boolean {
  if (!isMlHttpError(error, 404)) {
    return false;
  }
  const types = [error.type, ...rootCauseTypes(error.body)];
  return (
    types.some((t) => t === 'index_not_found_exception') || error.reasons.some((r) => r.startsWith('no such index'))
  );
}

interface ErrorBodyDetails {
  reason: string | undefined;
  type: string | undefined;
  reasons: string[];
}

function describeErrorBody(body: unknown): ErrorBodyDetails {
  if (typeof body === 'string') {
    const text = body.trim();
    return {
      reason: text === '' ? undefined : truncate(text, 500),
      type: undefined,
      reasons: text === '' ? [] : [text],
    };
  }
  const error = asRecord(asRecord(body)?.error);
  if (error === undefined) {
    const plain = asRecord(body)?.error;
    return typeof plain === 'string' ? { reason: plain, type: undefined, reasons: [plain] } : empty();
  }
  const rootCause = asRecord(Array.isArray(error.root_cause) ? (error.root_cause as unknown[])[0] : undefined);
  const reasons: string[] = [];
  // ML Commons' own ErrorMessage format puts the useful text in `details` and a generic one in `reason`.
  pushString(reasons, error.details);
  pushString(reasons, error.reason);
  pushString(reasons, rootCause?.reason);
  for (let cause = asRecord(error.caused_by); cause !== undefined; cause = asRecord(cause.caused_by)) {
    pushString(reasons, cause.reason);
  }
  const type =
    typeof error.type === 'string' ? error.type : typeof rootCause?.type === 'string' ? rootCause.type : undefined;
  return { reason: reasons[0], type, reasons: [...new Set(reasons)] };
}

function rootCauseTypes(body: unknown): string[] {
  const rootCauses = asRecord(asRecord(body)?.error)?.root_cause;
  return Array.isArray(rootCauses)
    ? rootCauses.flatMap((c) => {
        const type = asRecord(c)?.type;
        return typeof type === 'string' ? [type] : [];
      })
    : [];
}

function empty(): ErrorBodyDetails {
  return { reason: undefined, type: undefined, reasons: [] };
}

function pushString(into: string[], value: unknown): void {
  if (typeof value === 'string' && value !== '') {
    into.push(value);
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
