/**
 * Removing a model for good: ML Commons refuses to delete a deployed model (400 "Try undeploy model first"), and
 * before 3.x the model document turns UNDEPLOYED some time after the undeploy call returns. Shared by the ledger
 * releases and the sweeps. A model may also be in the middle of something when it is released — after Ctrl-C its
 * register or deploy request can still be running on the cluster —, so a REGISTERING or DEPLOYING model is given
 * time to settle first: deleting while chunks are still written leaves chunk documents behind, and undeploying a
 * deploy that finishes a moment later leaves it DEPLOYED. Each request rides out a tripped circuit breaker (429,
 * release-retry.ts); the waits already do (poll-loop.ts).
 */
import type { Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { isMlHttpError } from '../ml/errors.ts';
import { MODEL_STATES, type ModelState } from '../ml/schemas.ts';
import { waitForModelState } from '../ml/wait-for-model-state.ts';
import { ModelStateTimeoutError } from '../ml/wait-errors.ts';
import { retryReleaseOn429 } from './release-retry.ts';

export type ModelReleaseClient = Pick<MlClient, 'getModel' | 'undeployModel' | 'deleteModel'>;

export interface ModelReleaseOptions {
  /** Budget for the model to leave the deployed states after undeploy. */
  readonly undeployTimeoutMs: number;
  /** Budget for a register or deploy in flight to end before the model is removed anyway; default `undeployTimeoutMs`. */
  readonly settleTimeoutMs?: number;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  /** Shortens the waits above (a second Ctrl-C); removal is still attempted. */
  readonly hurry?: AbortSignal;
}

/** States in which a model holds (or is acquiring) memory on some node and cannot be deleted. */
const LOADED_STATES: ReadonlySet<string> = new Set<ModelState>([
  'DEPLOYED',
  'DEPLOYING',
  'PARTIALLY_DEPLOYED',
  'LOADED',
  'LOADING',
  'PARTIALLY_LOADED',
]);

const UNLOADED_STATES: readonly ModelState[] = ['UNDEPLOYED', 'REGISTERED', 'DEPLOY_FAILED', 'UNLOADED', 'LOAD_FAILED'];

/** A request that is still working on the model: its outcome decides what there is to undo. */
const IN_FLIGHT_STATES: ReadonlySet<string> = new Set<ModelState>(['REGISTERING', 'DEPLOYING', 'UPLOADING', 'LOADING']);
const SETTLED_STATES: readonly ModelState[] = MODEL_STATES.filter((state) => !IN_FLIGHT_STATES.has(state));

/** Undeploys the model if it is loaded and waits until it no longer is. Returns whether an undeploy was sent. */
export async function undeployIfLoaded(
  client: ModelReleaseClient,
  modelId: string,
  options: ModelReleaseOptions,
): Promise<boolean> {
  const state = await settledState(client, modelId, options);
  if (state === undefined || !LOADED_STATES.has(state)) {
    return false;
  }
  await patiently(modelId, options, () => client.undeployModel(modelId, requestOptions(options)));
  await waitForModelState(client, modelId, UNLOADED_STATES, waitOptions(options, options.undeployTimeoutMs));
  return true;
}

/**
 * Undeploy if needed, then delete. A 404 anywhere propagates so callers can count the model as already gone. A delete
 * refused because the model is (again) deployed — a deploy that was in flight finished after the undeploy — is
 * answered with one more undeploy and delete.
 */
export async function releaseModel(
  client: ModelReleaseClient,
  modelId: string,
  options: ModelReleaseOptions,
): Promise<void> {
  const remove = () => patiently(modelId, options, () => client.deleteModel(modelId, requestOptions(options)));
  await undeployIfLoaded(client, modelId, options);
  try {
    await remove();
  } catch (error) {
    if (!isMlHttpError(error, 400) || !(await isLoaded(client, modelId, options))) {
      throw error;
    }
    await undeployIfLoaded(client, modelId, options);
    await remove();
  }
}

async function isLoaded(client: ModelReleaseClient, modelId: string, options: ModelReleaseOptions): Promise<boolean> {
  const model = await patiently(modelId, options, () => client.getModel(modelId, requestOptions(options)));
  return model.model_state !== undefined && LOADED_STATES.has(model.model_state);
}

/** The model's state once no request is working on it any more, or its state when the settle budget ran out. */
async function settledState(
  client: ModelReleaseClient,
  modelId: string,
  options: ModelReleaseOptions,
): Promise<string | undefined> {
  const model = await patiently(modelId, options, () => client.getModel(modelId, requestOptions(options)));
  if (model.model_state === undefined || !IN_FLIGHT_STATES.has(model.model_state)) {
    return model.model_state;
  }
  try {
    const settled = await waitForModelState(
      client,
      modelId,
      SETTLED_STATES,
      waitOptions(options, options.settleTimeoutMs ?? options.undeployTimeoutMs),
    );
    return settled.model_state;
  } catch (error) {
    if (error instanceof ModelStateTimeoutError) {
      // Still busy after the budget: remove it as it is (ML Commons accepts deleting a REGISTERING model).
      return error.last?.model_state ?? model.model_state;
    }
    throw error;
  }
}

/** One request of the release, sent again after a 429 within the release's wait budget. */
function patiently<T>(modelId: string, options: ModelReleaseOptions, request: () => Promise<T>): Promise<T> {
  const { clock, hurry, undeployTimeoutMs: budgetMs } = options;
  return retryReleaseOn429(request, { resource: `model ${modelId}`, budgetMs, clock, hurry });
}

function waitOptions(
  options: ModelReleaseOptions,
  timeoutMs: number,
): { timeoutMs: number; clock?: Clock; signal?: AbortSignal; hurry?: AbortSignal } {
  return {
    timeoutMs,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.hurry === undefined ? {} : { hurry: options.hurry }),
  };
}

function requestOptions(options: ModelReleaseOptions): { signal?: AbortSignal } {
  return options.signal === undefined ? {} : { signal: options.signal };
}
