/**
 * Removing a model for good: ML Commons refuses to delete a deployed model (400 "Try undeploy model first"), and
 * before 3.x the model document turns UNDEPLOYED some time after the undeploy call returns. Shared by the ledger
 * releases and the leak sweep.
 */
import type { Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import type { ModelState } from '../ml/schemas.ts';
import { waitForModelState } from '../ml/wait-for-model-state.ts';

export type ModelReleaseClient = Pick<MlClient, 'getModel' | 'undeployModel' | 'deleteModel'>;

export interface ModelReleaseOptions {
  /** Budget for the model to leave the deployed states after undeploy. */
  readonly undeployTimeoutMs: number;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
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

/** Undeploys the model if it is loaded and waits until it no longer is. Returns whether an undeploy was sent. */
export async function undeployIfLoaded(
  client: ModelReleaseClient,
  modelId: string,
  options: ModelReleaseOptions,
): Promise<boolean> {
  const model = await client.getModel(modelId, requestOptions(options));
  if (model.model_state === undefined || !LOADED_STATES.has(model.model_state)) {
    return false;
  }
  await client.undeployModel(modelId, requestOptions(options));
  await waitForModelState(client, modelId, UNLOADED_STATES, {
    timeoutMs: options.undeployTimeoutMs,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return true;
}

/** Undeploy if needed, then delete. A 404 anywhere propagates so callers can count the model as already gone. */
export async function releaseModel(
  client: ModelReleaseClient,
  modelId: string,
  options: ModelReleaseOptions,
): Promise<void> {
  await undeployIfLoaded(client, modelId, options);
  await client.deleteModel(modelId, requestOptions(options));
}

function requestOptions(options: ModelReleaseOptions): { signal?: AbortSignal } {
  return options.signal === undefined ? {} : { signal: options.signal };
}
