/**
 * ML Commons' sync-up race (ml-commons-behavior.md §10). `MLSyncUpCron` runs every
 * `plugins.ml_commons.sync_up_job_interval_in_seconds` (default 10): it collects every node's deployed models, pushes
 * that snapshot as the routing table and rewrites model states from it. A deploy that finishes between the collect
 * and the push loses its routing — predict answers 400 "Model not ready yet" — and the state refresh can turn DEPLOYED
 * into DEPLOYING or DEPLOY_FAILED. So a COMPLETED deploy task is not readiness: the model is ready when the profile
 * API shows it on its worker nodes. The harness waits for that within the deploy deadline and never retries a deploy
 * to hide the race; when it happens the failure names it.
 */
import { MlError } from '../ml/errors.ts';
import { ModelStateFailedError, ModelStateTimeoutError } from '../ml/wait-errors.ts';
import { waitForServing, type ServingClient, type WaitForServingOptions } from '../upgrade/wait-for-serving.ts';

export const SYNC_UP_SETTING = 'plugins.ml_commons.sync_up_job_interval_in_seconds';

export const SYNC_UP_RACE =
  "ML Commons' sync-up race: MLSyncUpCron can erase the routing of a deploy that finished between its collect and " +
  'push steps, and its state refresh can rewrite DEPLOYED (ml-commons PR #1903, #2405, issues #3634, #4134); ' +
  `ML Commons' own ITs avoid it by setting ${SYNC_UP_SETTING} (0 or 3), as the native target does (0)`;

/** The deploy task COMPLETED, but the model did not become (or stay) routable. */
export class DeployNotServingError extends MlError {
  override name = 'DeployNotServingError';
  readonly modelId: string;

  constructor(modelId: string, what: string, options?: ErrorOptions) {
    super('model-state-failed', `model ${modelId}: ${what} — ${SYNC_UP_RACE}`, options);
    this.modelId = modelId;
  }
}

export interface ServingAfterDeploy {
  /** The deploy task that COMPLETED, named in the failure. */
  readonly taskId: string;
  /** What is left of the deploy's budget, named in the failure. */
  readonly timeoutMs: number;
  /** The wait itself (its timeout may be cut further, to the running check's deadline). */
  readonly wait: Omit<WaitForServingOptions, 'failOn'>;
}

/**
 * Waits, after the deploy task COMPLETED, until the profile shows the model on its worker nodes. A model that goes
 * DEPLOY_FAILED or never becomes routable fails with DeployNotServingError, which names the race.
 */
export async function waitUntilServing(
  client: ServingClient,
  modelId: string,
  { taskId, timeoutMs, wait }: ServingAfterDeploy,
): Promise<void> {
  try {
    await waitForServing(client, modelId, { ...wait, failOn: ['DEPLOY_FAILED'] });
  } catch (error) {
    if (error instanceof ModelStateFailedError) {
      throw new DeployNotServingError(modelId, `deploy task ${taskId} COMPLETED, then the model went ${error.state}`, {
        cause: error,
      });
    }
    if (error instanceof ModelStateTimeoutError) {
      const last = error.last?.model_state ?? '(no state)';
      throw new DeployNotServingError(
        modelId,
        `deploy task ${taskId} COMPLETED, but the model was not routable within ${Math.round(timeoutMs / 1000)} s ` +
          `(model ${last}; profile worker_nodes never covered target_worker_nodes; ${error.message})`,
        { cause: error },
      );
    }
    throw error;
  }
}
