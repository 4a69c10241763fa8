/**
 * Waits until the node answers `GET /` and the cluster is at least yellow, against a deadline. Fails at once when the
 * JVM exits (bootstrap check, bad setting, port taken) instead of polling a dead process until the timeout.
 */
import { NativeTargetError } from './errors.ts';
import type { NodeProcess } from './process.ts';

export interface ReadyInfo {
  readonly version: string;
  readonly distribution: string;
}

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
  /** Injectable for tests. */
  readonly fetchFn?: typeof fetch;
}

interface RootResponse {
  version?: { number?: string; distribution?: string };
}

export async function waitForReady(baseUrl: string, node: NodeProcess, options: WaitOptions): Promise<ReadyInfo> {
  const fetchFn = options.fetchFn ?? fetch;
  const interval = options.intervalMs ?? 500;
  const deadline = Date.now() + options.timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (options.signal?.aborted === true) {
      throw new NativeTargetError('aborted', 'aborted while waiting for the node', { cause: options.signal.reason });
    }
    if (node.hasExited()) {
      const { code, signal } = await node.exited;
      throw new NativeTargetError(
        'start-failed',
        `OpenSearch exited during startup (exit code ${String(code)}, signal ${String(signal)})`,
      );
    }
    try {
      const root = await fetchFn(`${baseUrl}/`, { signal: AbortSignal.timeout(5_000) });
      if (root.ok) {
        const body = (await root.json()) as RootResponse;
        const health = await fetchFn(`${baseUrl}/_cluster/health?wait_for_status=yellow&timeout=5s`, {
          signal: AbortSignal.timeout(10_000),
        });
        if (health.ok) {
          return {
            version: body.version?.number ?? 'unknown',
            distribution: body.version?.distribution ?? 'opensearch',
          };
        }
        lastError = `GET /_cluster/health → ${health.status}`;
      } else {
        lastError = `GET / → ${root.status}`;
      }
    } catch (error) {
      lastError =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    await Promise.race([delay(interval), node.exited]);
  }
  throw new NativeTargetError(
    'readiness-timeout',
    `OpenSearch at ${baseUrl} was not ready within ${Math.round(options.timeoutMs / 1000)} s (last: ${lastError})`,
  );
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
