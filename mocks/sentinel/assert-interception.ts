import { Client } from '@opensearch-project/opensearch';
import { SENTINEL_HEADER, SENTINEL_MARKER, SENTINEL_PATH } from '../handlers/sentinel.ts';

export type InterceptionTransport = 'opensearch-js' | 'fetch';

export interface InterceptionCheckOptions {
  /**
   * The OpenSearch client the harness will actually use. Pass it: a client constructed before `server.listen()`
   * bypasses MSW without any unhandled-request error, and only a request through that very client shows it.
   * Without it, a fresh client is built (proving interception is on, not that the harness's client is covered).
   */
  readonly client?: Pick<Client, 'transport'>;
  /** `sim.instanceId`: also proves the answer came from this simulator, not another one still listening. */
  readonly instanceId?: string;
  /** Defaults to both. */
  readonly via?: readonly InterceptionTransport[];
}

export interface InterceptionReport {
  readonly instanceId: string;
  readonly profile: string;
  readonly version: string;
  readonly checked: readonly InterceptionTransport[];
}

export class InterceptionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InterceptionError';
  }
}

interface SentinelAnswer {
  readonly status: number;
  readonly header: string | null;
  readonly body: unknown;
}

/**
 * Proves that requests to `baseUrl` are answered by the simulator, through the same kinds of client the harness
 * uses (Node http via opensearch-js, and global fetch). Throws an `InterceptionError` naming the transport, the
 * URL and the likely cause otherwise.
 */
export async function assertInterception(
  baseUrl: string,
  options: InterceptionCheckOptions = {},
): Promise<InterceptionReport> {
  const url = `${baseUrl.replace(/\/+$/, '')}${SENTINEL_PATH}`;
  const via = options.via ?? ['opensearch-js', 'fetch'];
  let report: InterceptionReport | undefined;
  for (const transport of via) {
    const answer = transport === 'fetch' ? await viaFetch(url) : await viaOpenSearch(baseUrl, url, options.client);
    report = { ...verify(transport, url, answer, options.instanceId), checked: via };
  }
  if (report === undefined) {
    throw new InterceptionError('assertInterception: `via` must name at least one transport');
  }
  return report;
}

async function viaFetch(url: string): Promise<SentinelAnswer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new InterceptionError(
      `fetch GET ${url} was not answered by the simulator: it reached the network and failed (${describe(error)}). ` +
        'Is the MSW server started (startSimulatorServer) in this worker, with this baseUrl?',
      { cause: error },
    );
  }
  const text = await response.text();
  return { status: response.status, header: response.headers.get(SENTINEL_HEADER), body: parse(text) };
}

async function viaOpenSearch(
  baseUrl: string,
  url: string,
  given: Pick<Client, 'transport'> | undefined,
): Promise<SentinelAnswer> {
  const client = given ?? new Client({ node: baseUrl, maxRetries: 0 });
  try {
    const response = await client.transport.request({ method: 'GET', path: SENTINEL_PATH });
    const headers: Record<string, unknown> = response.headers ?? {};
    const header = headers[SENTINEL_HEADER];
    const body: unknown = response.body;
    return { status: response.statusCode ?? 0, header: typeof header === 'string' ? header : null, body };
  } catch (error) {
    const meta = (error as { meta?: { statusCode?: number; body?: unknown; headers?: Record<string, unknown> } }).meta;
    if (meta?.statusCode !== undefined && meta.statusCode !== null) {
      const header = meta.headers?.[SENTINEL_HEADER];
      return { status: meta.statusCode, header: typeof header === 'string' ? header : null, body: meta.body };
    }
    throw new InterceptionError(
      `opensearch-js GET ${url} was not answered by the simulator: it reached the network and failed (${describe(error)}). ` +
        (given === undefined
          ? 'Is the MSW server started (startSimulatorServer) in this worker, with this baseUrl?'
          : 'The client was most likely constructed before server.listen(), so it kept the unpatched http.request — construct it after startSimulatorServer().'),
      { cause: error },
    );
  } finally {
    if (given === undefined) {
      await (client as Client).close();
    }
  }
}

function verify(
  transport: InterceptionTransport,
  url: string,
  answer: SentinelAnswer,
  instanceId?: string,
): Omit<InterceptionReport, 'checked'> {
  const body = answer.body as { simulator?: unknown; instance?: unknown; profile?: unknown; version?: unknown } | null;
  if (answer.status !== 200 || body?.simulator !== SENTINEL_MARKER || answer.header === null) {
    throw new InterceptionError(
      `${transport} GET ${url} was answered, but not by the simulator (status ${answer.status}, body ${preview(answer.body)}). ` +
        'A real server is listening at this address and MSW let the request through.',
    );
  }
  if (instanceId !== undefined && (body.instance !== instanceId || answer.header !== instanceId)) {
    throw new InterceptionError(
      `${transport} GET ${url} was answered by a different simulator instance (${String(body.instance)}, expected ${instanceId}): ` +
        'another MSW server with other handlers is active in this worker.',
    );
  }
  return { instanceId: String(body.instance), profile: String(body.profile), version: String(body.version) };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}
