/**
 * One typed endpoint call: send, then schema-check the body. `endpoint` is the route template used in schema errors
 * (`GET /_plugins/_ml/tasks/{task_id}`), so messages group well across runs with different ids.
 */
import type { z } from 'zod';
import { isIndexNotFound } from './errors.ts';
import { parseResponse } from './parse-response.ts';
import type { MlRequest, MlTransport, RequestOptions } from './transport.ts';

export interface EndpointRequest extends MlRequest {
  readonly endpoint: string;
}

export async function call<S extends z.ZodType>(
  transport: MlTransport,
  request: EndpointRequest,
  schema: S,
  options?: RequestOptions,
): Promise<z.output<S>> {
  const response = await transport.send(request, options);
  return parseResponse(schema, response.body, request.endpoint);
}

/**
 * Like `call`, but a 404 index_not_found yields `whenMissing`: ML Commons creates its system indices lazily, so a
 * fresh cluster answers searches with that error instead of zero hits.
 */
export async function callTolerateMissingIndex<S extends z.ZodType, M>(
  transport: MlTransport,
  request: EndpointRequest,
  schema: S,
  whenMissing: M,
  options?: RequestOptions,
): Promise<z.output<S> | M> {
  try {
    return await call(transport, request, schema, options);
  } catch (error) {
    if (isIndexNotFound(error)) {
      return whenMissing;
    }
    throw error;
  }
}

/** Path segment from an id the harness did not choose (server ids are URL-safe, but a bad fixture might not be). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
