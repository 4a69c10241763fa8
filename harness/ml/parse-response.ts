/**
 * Schema-checks a response body. A drift in ML Commons' payloads should fail with the endpoint, the JSON path and the
 * value the server actually sent, not with `Cannot read properties of undefined` three calls later.
 */
import type { z } from 'zod';
import { ResponseSchemaError, type SchemaIssue } from './errors.ts';
import { formatJsonPath, preview, valueAt } from './text.ts';

export function parseResponse<S extends z.ZodType>(schema: S, body: unknown, endpoint: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) {
    return result.data;
  }
  const issues: SchemaIssue[] = result.error.issues.map((issue) => ({
    path: formatJsonPath(issue.path),
    message: issue.message,
    value: preview(valueAt(body, issue.path)),
  }));
  throw new ResponseSchemaError(endpoint, issues, body);
}
