/**
 * Faults applied to an answer that was already computed — by the simulator's handlers or by the real cluster behind
 * the fault proxy —, shared so both misbehave identically: the sync-up race (a model GET reads the plan's state,
 * predict is refused as not ready) and a truncated body.
 */
import type { FaultController } from './controller.ts';
import type { EndpointKind } from './types.ts';

export interface Answer {
  readonly status: number;
  /** The body as sent (JSON text for every ML Commons answer). */
  readonly body: string;
}

/** ML Commons' refusal of a predict on a model whose routing is gone (MLPredictTaskRunner, 2.x and 3.x text). */
export const NOT_READY_ANSWER = {
  error: {
    root_cause: [{ type: 'illegal_argument_exception', reason: 'Model not ready yet. Please deploy the model first.' }],
    type: 'illegal_argument_exception',
    reason: 'Model not ready yet. Please deploy the model first.',
  },
  status: 400,
};

/** `GET /_plugins/_ml/models/<id>` (not `_search`): the answers whose model_state the race rewrites. */
const MODEL_GET = /^\/_plugins\/_ml\/models\/[^/_][^/]*$/;

export function applyAnswerFaults(
  faults: FaultController,
  request: { readonly method: string; readonly path: string; readonly endpoint: EndpointKind },
  answer: Answer,
): Answer {
  let { status, body } = answer;
  if (request.endpoint === 'predict' && status < 300) {
    if (faults.takeDeployRace() !== undefined) {
      status = 400;
      body = JSON.stringify(NOT_READY_ANSWER);
    }
  } else if (request.method === 'GET' && MODEL_GET.test(request.path) && status === 200) {
    const parsed = parseObject(body);
    if (parsed?.model_state === 'DEPLOYED') {
      const race = faults.takeDeployRace();
      if (race !== undefined) {
        body = JSON.stringify({ ...parsed, model_state: race.state });
      }
    }
  }
  if (faults.takeTruncate(request.endpoint)) {
    body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  }
  return { status, body };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
