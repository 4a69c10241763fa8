/**
 * One recorded request/response pair. Recordings capture what a real cluster answers so the simulator can be held
 * to it: status, error texts and the shape of every body.
 */
import { MlHttpError } from '../ml/errors.ts';
import type { MlRequest, MlTransport } from '../ml/transport.ts';

export interface Exchange {
  /** Stable label, e.g. `predict-before-deploy`. */
  readonly step: string;
  readonly method: string;
  /** Path with ids replaced by placeholders. */
  readonly path: string;
  readonly status: number;
  /** Body with ids, timestamps and embedding values replaced by placeholders (see normalize.ts). */
  readonly body: unknown;
}

/** Raw response (before normalisation): non-2xx answers are data here, not errors. */
export interface RawExchange {
  readonly step: string;
  readonly request: MlRequest;
  readonly status: number;
  readonly body: unknown;
}

export async function send(transport: MlTransport, step: string, request: MlRequest): Promise<RawExchange> {
  try {
    const response = await transport.send(request);
    return { step, request, status: response.status, body: response.body };
  } catch (error) {
    if (error instanceof MlHttpError) {
      return { step, request, status: error.status, body: error.body };
    }
    throw error;
  }
}
