/** A minimal JSON client over global fetch (which MSW intercepts), for the simulator's own tests. */
export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface TestClient {
  get(path: string): Promise<JsonResponse>;
  post(path: string, body?: unknown): Promise<JsonResponse>;
  put(path: string, body?: unknown): Promise<JsonResponse>;
  del(path: string): Promise<JsonResponse>;
}

export function testClient(baseUrl: string): TestClient {
  const call = async (method: string, path: string, body?: unknown): Promise<JsonResponse> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    del: (path) => call('DELETE', path),
  };
}
