/**
 * What every recording scenario starts from: one `record` that sends a step and keeps its raw answer, the
 * placeholders the answers are normalised with, and the run's naming. Shared so that the main and upload scenarios
 * name, record and normalise alike — a difference there would show as a spurious mismatch against the simulator.
 */
import { mlClientOver, type MlClient } from '../ml/client.ts';
import type { MlRequest, MlTransport } from '../ml/transport.ts';
import { send, type Exchange, type RawExchange } from './exchange.ts';
import { normalizeExchange, Placeholders } from './normalize.ts';

export const ML = '/_plugins/_ml';
/** An id no cluster has: the scenarios ask for it to record the "not found" answers. */
export const UNKNOWN_ID = 'omlcUnknownId0000000';
export const TASK_TIMEOUT_MS = 120_000;

export interface ScenarioOptions {
  /** Waits where a real cluster needs time (index refresh, asynchronous undeploy); the simulator needs less. */
  readonly pause?: (ms: number) => Promise<void>;
}

export interface ScenarioRecorder {
  readonly client: MlClient;
  readonly placeholders: Placeholders;
  readonly pause: (ms: number) => Promise<void>;
  /** Sends one step and keeps its answer (non-2xx answers are data, not errors). */
  readonly record: (step: string, request: MlRequest) => Promise<RawExchange>;
  /** A resource name unique to this run (the run suffix becomes a placeholder). */
  readonly name: (purpose: string) => string;
  /**
   * Everything recorded, normalised. Called at the end: ids learned from a response (task_id, model_id) must be
   * replaced in that response too.
   */
  readonly exchanges: () => Exchange[];
}

export function startScenarioRecorder(
  transport: MlTransport,
  runSuffix: string,
  options: ScenarioOptions = {},
): ScenarioRecorder {
  const placeholders = new Placeholders();
  placeholders.add(runSuffix, 'run');
  placeholders.add(UNKNOWN_ID, 'unknown_id');
  const raws: RawExchange[] = [];
  return {
    client: mlClientOver(transport),
    placeholders,
    pause: options.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    record: async (step, request) => {
      const raw = await send(transport, step, request);
      raws.push(raw);
      return raw;
    },
    name: (purpose) => `omlc-rec-${runSuffix}-${purpose}`,
    exchanges: () => raws.map((raw) => normalizeExchange(raw, placeholders)),
  };
}

/** A string field of a JSON answer, or undefined (error answers and other shapes have none). */
export function stringAt(body: unknown, key: string): string | undefined {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}
