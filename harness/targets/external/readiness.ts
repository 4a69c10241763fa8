/**
 * Waits for an external cluster against a deadline (anchors.md §1: retry what can heal, fail at once on what
 * cannot). Each attempt is an unauthenticated transport probe (TLS and protocol mistakes, see transport-probe.ts),
 * then the authenticated `GET /` through the same client the suites use (credentials, SigV4 signer, version).
 * Retried until the deadline: timeouts, 502/503/504, and connection refused when `retryRefused` (the user set
 * OPENSEARCH_READY_TIMEOUT_MS for a cluster that is starting). Immediate: connection refused otherwise (nothing
 * listens at the URL: a typo, or a cluster that is down), 401/403, TLS, wrong scheme, DNS, anything that is not
 * OpenSearch.
 */
import type { ClusterInfo } from '../../ml/cluster-api.ts';
import { MlAuthError, MlConfigError, MlConnectionError, MlHttpError, ResponseSchemaError } from '../../ml/errors.ts';
import type { TargetConnection } from '../target-info.ts';
import { ExternalTargetError } from './external-error.ts';
import type { ProbeOutcome } from './transport-probe.ts';

export interface ReadinessDeps {
  /** Unauthenticated transport probe with the given per-attempt timeout. */
  readonly probe: (timeoutMs: number) => Promise<ProbeOutcome>;
  /** Authenticated `GET /`. */
  readonly info: (timeoutMs: number) => Promise<ClusterInfo>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export interface ReadinessOptions {
  readonly url: string;
  readonly connection: TargetConnection;
  readonly timeoutMs: number;
  /** Keep retrying a refused connection until the deadline (default: fail at the first refusal). */
  readonly retryRefused?: boolean;
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
}

const RETRY_STATUSES = new Set([502, 503, 504]);

export async function waitForExternalCluster(options: ReadinessOptions, deps: ReadinessDeps): Promise<ClusterInfo> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const interval = options.intervalMs ?? 1_000;
  const deadline = now() + options.timeoutMs;
  let last: string;
  let refused: boolean;
  for (;;) {
    options.signal?.throwIfAborted();
    const attemptTimeout = Math.max(1_000, Math.min(10_000, deadline - now()));
    const outcome = await deps.probe(attemptTimeout);
    if (outcome.kind === 'fatal') {
      throw new ExternalTargetError('connection', outcome.message);
    }
    if (outcome.kind === 'retry') {
      refused = outcome.refused;
      last = outcome.reason;
      if (refused && options.retryRefused !== true) {
        throw refusedError(options);
      }
    } else if (RETRY_STATUSES.has(outcome.status)) {
      refused = false;
      last = `GET / → ${outcome.status}`;
    } else {
      const result = await authenticatedInfo(options, deps, attemptTimeout);
      if (result.kind === 'ready') {
        return result.info;
      }
      refused = false;
      last = result.reason;
    }
    const remaining = deadline - now();
    if (remaining <= 0) {
      throw timeoutError(options, refused, last);
    }
    await sleep(Math.min(interval, remaining));
  }
}

type InfoResult = { kind: 'ready'; info: ClusterInfo } | { kind: 'retry'; reason: string };

async function authenticatedInfo(
  options: ReadinessOptions,
  deps: ReadinessDeps,
  timeoutMs: number,
): Promise<InfoResult> {
  try {
    return { kind: 'ready', info: await deps.info(timeoutMs) };
  } catch (error) {
    if (error instanceof MlAuthError) {
      throw new ExternalTargetError('auth', authMessage(options, error), { cause: error });
    }
    if (error instanceof MlHttpError) {
      if (RETRY_STATUSES.has(error.status)) {
        return { kind: 'retry', reason: `GET / → ${error.status}: ${error.reason ?? ''}`.trim() };
      }
      throw new ExternalTargetError(
        'readiness',
        `${options.url} answered GET / with HTTP ${error.status} (${error.reason ?? 'no reason'}): is OPENSEARCH_URL the ` +
          'OpenSearch REST endpoint (scheme, host, port, no extra path)?',
        { cause: error },
      );
    }
    if (error instanceof ResponseSchemaError) {
      throw new ExternalTargetError(
        'readiness',
        `${options.url} does not look like OpenSearch: GET / has no version.number (${error.message})`,
        { cause: error },
      );
    }
    if (error instanceof MlConnectionError) {
      return { kind: 'retry', reason: `${error.kind}: ${error.detail}` };
    }
    if (error instanceof MlConfigError) {
      throw new ExternalTargetError('readiness', error.message, { cause: error });
    }
    throw error;
  }
}

function authMessage(options: ReadinessOptions, error: MlAuthError): string {
  const { url } = options;
  const auth = options.connection.auth;
  const reason = error.reason === undefined ? '' : ` — server says: ${error.reason}`;
  if (auth?.type === 'sigv4') {
    return (
      `AWS rejected the SigV4-signed request to ${url} (HTTP ${error.status}): check the AWS credentials ` +
      `(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN), OPENSEARCH_AWS_REGION=${auth.region} and ` +
      `OPENSEARCH_AWS_SERVICE=${auth.service}, and the domain's access policy${reason}`
    );
  }
  if (auth === undefined) {
    return `${url} requires authentication (HTTP ${error.status}): set OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD${reason}`;
  }
  if (error.status === 401) {
    return `wrong credentials for ${auth.username} at ${url} (HTTP 401): check OPENSEARCH_USERNAME/OPENSEARCH_PASSWORD${reason}`;
  }
  return (
    `${auth.username} is authenticated at ${url} but may not call GET / (HTTP 403): the conformance run needs a user ` +
    `with cluster and ML Commons permissions (e.g. the all_access or ml_full_access role)${reason}`
  );
}

function refusedError(options: ReadinessOptions): ExternalTargetError {
  return new ExternalTargetError(
    'readiness',
    `nothing is listening at ${options.url} (connection refused): is the cluster running and OPENSEARCH_URL right? ` +
      '(for a cluster that is still starting, set OPENSEARCH_READY_TIMEOUT_MS to wait for it)',
  );
}

function timeoutError(options: ReadinessOptions, refused: boolean, last: string): ExternalTargetError {
  const seconds = Math.round(options.timeoutMs / 1000);
  if (refused) {
    return new ExternalTargetError(
      'readiness',
      `nothing is listening at ${options.url}: connection refused for ${seconds} s (ECONNREFUSED) — is the cluster ` +
        'running and OPENSEARCH_URL right? (raise the wait with OPENSEARCH_READY_TIMEOUT_MS)',
    );
  }
  return new ExternalTargetError(
    'readiness',
    `${options.url} was not ready within ${seconds} s (last: ${last}); raise OPENSEARCH_READY_TIMEOUT_MS if it is starting`,
  );
}
