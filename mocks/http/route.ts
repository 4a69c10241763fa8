import {
  HttpResponse,
  delay,
  type DefaultBodyType,
  type HttpResponseResolver,
  type JsonBodyType,
  type PathParams,
} from 'msw';
import type { SimContext } from '../context.ts';
import { applyAnswerFaults } from '../faults/answer-faults.ts';
import type { EndpointKind } from '../faults/types.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import type { ErrorSpec, HttpErrorKey } from '../profiles/index.ts';
import { errorResponse, HttpError, profileError, type OpenSearchErrorBody } from './errors.ts';
import { applyFilterPath } from './filter-path.ts';

export interface RouteInfo<P> {
  readonly request: Request;
  readonly params: P;
  readonly url: URL;
}

export type SimResolver<P, R extends JsonBodyType> = (
  info: RouteInfo<P>,
) => Promise<HttpResponse<R | OpenSearchErrorBody>>;

/**
 * Wraps every simulated endpoint: applies the runtime faults in the order a client would experience them
 * (slow, then dropped, then rejected; a computed answer rewritten by the sync-up race or truncated), turns thrown
 * `HttpError`s into the profile's error response, and logs the outcome so tests can assert how many attempts a
 * retrying client made.
 */
export function route<P extends PathParams<keyof P>, B extends DefaultBodyType, R extends JsonBodyType>(
  ctx: SimContext,
  endpoint: EndpointKind,
  resolver: SimResolver<P, R>,
): HttpResponseResolver<P, B, R | OpenSearchErrorBody> {
  return async ({ request, params }) => {
    const url = new URL(request.url);
    const log = (outcome: number | 'dropped'): void =>
      ctx.store.logRequest({ method: request.method, path: url.pathname, endpoint, outcome, at: ctx.clock.now() });

    const wait = ctx.faults.takeDelay(endpoint);
    if (wait > 0) {
      await delay(wait);
    }
    if (ctx.faults.takeDrop(endpoint)) {
      log('dropped');
      return HttpResponse.error();
    }
    const burst = ctx.faults.takeBurst(endpoint);
    if (burst !== undefined) {
      const base =
        burst.status === 429
          ? ctx.profile.errors.tooManyRequests
          : burst.status === 503
            ? ctx.profile.errors.serviceUnavailable
            : { status: burst.status, type: 'exception', reason: 'simulated fault' };
      log(burst.status);
      return errorResponse({
        ...base,
        status: burst.status,
        ...(burst.reason === undefined ? {} : { reason: burst.reason }),
        ...(burst.type === undefined ? {} : { type: burst.type }),
      });
    }

    let response: HttpResponse<R | OpenSearchErrorBody>;
    try {
      response = await resolver({ request, params, url });
    } catch (error) {
      response = toErrorResponse(ctx, error);
    }
    const filterPath = url.searchParams.get('filter_path');
    const answer = filterPath === null ? response : await filtered(response, filterPath);
    const rewritten = ctx.faults.rewritesAnswers
      ? await rewrite(ctx, request.method, url.pathname, endpoint, answer)
      : answer;
    log(rewritten.status);
    return rewritten;
  };
}

/** The answer after the answer faults (answer-faults.ts), as JSON text with its status. */
async function rewrite<T extends JsonBodyType>(
  ctx: SimContext,
  method: string,
  path: string,
  endpoint: EndpointKind,
  response: HttpResponse<T>,
): Promise<HttpResponse<T>> {
  const original = { status: response.status, body: await response.clone().text() };
  const answer = applyAnswerFaults(ctx.faults, { method, path, endpoint }, original);
  if (answer === original || (answer.status === original.status && answer.body === original.body)) {
    return response;
  }
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.set('content-type', 'application/json');
  // The body is JSON text whose type the handler promised (or an error envelope, or a cut-off body on purpose).
  return new HttpResponse<T>(answer.body as never, { status: answer.status, headers });
}

/** A profile error with the status and/or reason a misbehaving simulator gives it instead (WrongBehaviour). */
function misbehavingError(
  spec: ErrorSpec,
  key: HttpErrorKey,
  status: number | undefined,
  reworded: readonly HttpErrorKey[] | undefined,
): ErrorSpec {
  const withStatus = status === undefined ? spec : { ...spec, status };
  if (reworded?.includes(key) !== true) {
    return withStatus;
  }
  const reason = `misbehaving simulator: ${key}`;
  return {
    ...withStatus,
    reason,
    ...(spec.cause === undefined ? {} : { cause: { ...spec.cause, reason } }),
  };
}

/** Re-renders a JSON response through `filter_path`, keeping status and headers. */
async function filtered<T extends JsonBodyType>(
  response: HttpResponse<T>,
  filterPath: string,
): Promise<HttpResponse<T>> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) {
    return response;
  }
  const body = applyFilterPath(await response.json(), filterPath) as T;
  // The old content-length would announce the unfiltered size and leave the client waiting for bytes.
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return HttpResponse.json(body, { status: response.status, headers });
}

function toErrorResponse(ctx: SimContext, error: unknown): HttpResponse<OpenSearchErrorBody> {
  if (error instanceof HttpError) {
    const { errorStatus, rewordErrors } = ctx.faults.wrong;
    const status = errorStatus?.[error.key];
    if (status !== undefined || rewordErrors?.includes(error.key) === true) {
      return errorResponse(
        misbehavingError(ctx.profile.errors[error.key], error.key, status, rewordErrors),
        error.vars,
      );
    }
    return profileError(ctx.profile, error.key, error.vars);
  }
  if (error instanceof SimulatorUnsupportedError) {
    return profileError(ctx.profile, 'unsupported', { detail: error.detail });
  }
  // A simulator bug: answer like a server-side failure, with enough text to find it.
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return errorResponse({ status: 500, type: 'simulator_internal_error', reason });
}
