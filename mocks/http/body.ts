import { HttpError } from './errors.ts';

/**
 * Request bodies are read as text and parsed here, never trusted as typed: the suites deliberately send malformed
 * requests, and a real cluster answers those with a 400, not a crash.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a JSON object body. An empty body is `{}` (several endpoints take none). A GET that declared a body but
 * arrives empty lost it inside the fetch `Request` MSW builds — answering as if no body was sent would silently
 * change the query, so that is refused explicitly.
 */
export async function readJsonObject(request: Request): Promise<JsonObject> {
  const text = await request.text();
  if (text.trim() === '') {
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (request.method === 'GET' && declared > 0) {
      throw new HttpError('getBodyDropped', { path: new URL(request.url).pathname });
    }
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HttpError('badJson', { detail: error instanceof Error ? error.message : String(error) });
  }
  if (!isObject(parsed)) {
    throw new HttpError('badJson', { detail: 'the body must be a JSON object' });
  }
  return parsed;
}

export function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** OpenSearch query flags: `?flag`, `?flag=true` are true; absent or `false` are false. */
export function queryFlag(url: URL, name: string): boolean {
  const value = url.searchParams.get(name);
  return value !== null && value !== 'false';
}
