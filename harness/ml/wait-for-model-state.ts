/**
 * Waits for a model document to reach one of the wanted states. Needed where ML Commons updates the model state
 * asynchronously: undeploy on lines older than 3.x, and auto-redeploy after a restart.
 */
import type { Clock } from './clock.ts';
import type { ModelApi } from './model-api.ts';
import { pollUntil, type Observation, type PollOptions } from './poll-loop.ts';
import type { Model, ModelState } from './schemas.ts';
import { ModelStateFailedError, ModelStateTimeoutError } from './wait-errors.ts';

export interface WaitForModelStateOptions extends Omit<PollOptions, 'clock'> {
  readonly clock?: Clock;
  /** States that end the wait with ModelStateFailedError, e.g. `['DEPLOY_FAILED']`. */
  readonly failOn?: readonly ModelState[];
  readonly onState?: (state: string, model: Model, observation: Observation) => void;
}

const NO_STATE = '(no state)';

export async function waitForModelState(
  client: Pick<ModelApi, 'getModel'>,
  modelId: string,
  wanted: readonly ModelState[],
  options: WaitForModelStateOptions,
): Promise<Model> {
  const failOn: readonly string[] = options.failOn ?? [];
  const wantedStates: readonly string[] = wanted;
  const { onState } = options;
  const outcome = await pollUntil<Model>(
    {
      fetch: (timeoutMs, signal) =>
        client.getModel(modelId, signal === undefined ? { timeoutMs } : { timeoutMs, signal }),
      stateOf: (model) => model.model_state ?? NO_STATE,
      classify: (model) => {
        const state = model.model_state ?? NO_STATE;
        return wantedStates.includes(state) ? 'done' : failOn.includes(state) ? 'failed' : 'pending';
      },
      ...(onState === undefined
        ? {}
        : { onChange: (model: Model, observation: Observation) => onState(observation.state, model, observation) }),
    },
    options,
  );
  switch (outcome.kind) {
    case 'done':
      return outcome.value;
    case 'failed':
      throw new ModelStateFailedError(modelId, outcome.value, outcome.history);
    case 'timeout':
      throw new ModelStateTimeoutError(modelId, wanted, options.timeoutMs, outcome.history, outcome.last);
  }
}
