/**
 * The end of an undeploy on a cluster whose sync-up job runs (deploy-race.ts). Between the node dropping the model and
 * the undeploy writing UNDEPLOYED, `MLSyncUpCron` can see a DEPLOYED model on no worker node and write DEPLOY_FAILED —
 * after the undeploy's own write (seen on a 3.6.0 node at ML Commons' default interval of 10 s). DEPLOY_FAILED is
 * outside what the job refreshes, so the model would stay so. It is on no node by then: a second undeploy answers
 * `not_found` for every node and sets the UNDEPLOYED state the first one promised (checked on 3.6.0). The harness sends
 * it once and says so; a second DEPLOY_FAILED is a failure that names the race.
 */
import type { MlClient } from '../ml/client.ts';
import type { Model } from '../ml/schemas.ts';
import { waitForModelState, type WaitForModelStateOptions } from '../ml/wait-for-model-state.ts';
import { ModelStateFailedError } from '../ml/wait-errors.ts';
import { DeployNotServingError } from './deploy-race.ts';

export type UndeployWaitClient = Pick<MlClient, 'getModel' | 'undeployModel'>;

export interface WaitUndeployedOptions {
  /** A fresh wait budget each time it is asked (the second undeploy gets its own, inside the test's deadline). */
  readonly wait: () => WaitForModelStateOptions;
  readonly request: () => { signal?: AbortSignal };
  /** Where the second undeploy is announced. */
  readonly notice?: (line: string) => void;
}

export async function waitUndeployed(
  client: UndeployWaitClient,
  modelId: string,
  options: WaitUndeployedOptions,
): Promise<Model> {
  const untilUndeployed = (): Promise<Model> =>
    waitForModelState(client, modelId, ['UNDEPLOYED'], { ...options.wait(), failOn: ['DEPLOY_FAILED'] });
  try {
    return await untilUndeployed();
  } catch (error) {
    if (!(error instanceof ModelStateFailedError)) {
      throw error;
    }
    options.notice?.(
      `model ${modelId}: undeployed, then ML Commons' sync-up job wrote ${error.state} (the sync-up race); ` +
        'undeploying once more to set UNDEPLOYED',
    );
  }
  await client.undeployModel(modelId, options.request());
  try {
    return await untilUndeployed();
  } catch (error) {
    if (error instanceof ModelStateFailedError) {
      throw new DeployNotServingError(modelId, `went ${error.state} after two undeploys`, { cause: error });
    }
    throw error;
  }
}
