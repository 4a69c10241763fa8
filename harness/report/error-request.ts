/**
 * The request an error names, read structurally: the ML client's errors carry `request: { method, path, status? }`
 * (harness/ml/errors.ts), and Vitest hands the reporter a serialized copy of the error, not the instance.
 */
import type { RequestSummary } from './case-meta.ts';

export function requestOf(error: unknown): RequestSummary | undefined {
  if (error === null || typeof error !== 'object') {
    return undefined;
  }
  const request = (error as { request?: unknown }).request;
  if (request === null || typeof request !== 'object') {
    return undefined;
  }
  const { method, path, status } = request as Record<string, unknown>;
  if (typeof method !== 'string' || typeof path !== 'string') {
    return undefined;
  }
  return typeof status === 'number' ? { method, path, status } : { method, path };
}

/** `POST /_plugins/_ml/models/_register → 400`, or `… → no answer`. */
export function formatRequest(request: RequestSummary): string {
  return `${request.method} ${request.path} → ${request.status === undefined ? 'no answer' : String(request.status)}`;
}
