/**
 * What the lifecycle driver puts in the ledger for each thing it creates, and how each is released: a model group, a
 * deployment, a model (with the group ML Commons creates for a model registered without one), and a registration
 * whose model id is not known yet. Releases never take the driver's AbortSignal: they run precisely when that signal
 * has fired. Their requests are sent again after a 429 (release-retry.ts).
 */
import type { Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { isMlHttpError } from '../ml/errors.ts';
import { releaseModel, undeployIfLoaded, type ModelReleaseOptions } from './model-release.ts';
import { releasePendingRegistration } from './pending-registration.ts';
import { retryReleaseOn429, type ReleaseRetryOptions } from './release-retry.ts';
import type { TrackedResource } from './resource-ledger.ts';

export type EntryClient = Pick<
  MlClient,
  'getModel' | 'searchModels' | 'getTask' | 'undeployModel' | 'deleteModel' | 'deleteModelGroup'
>;

export interface EntryContext {
  readonly client: EntryClient;
  readonly clock: Clock;
  /** Budget of each wait in a model's release (the driver's undeploy timeout). */
  readonly undeployMs: number;
}

export interface PendingEntryInput {
  readonly name: string;
  /** The register task, once the request answered: asked at release time. */
  readonly taskId: () => string | undefined;
  readonly autoGroup: boolean;
  /** Budget for the task to end and for each wait of the removal (the driver's register timeout). */
  readonly budgetMs: number;
}

export function modelGroupEntry(context: EntryContext, groupId: string, name: string): TrackedResource {
  return {
    kind: 'model-group',
    id: groupId,
    label: name,
    release: (release) => deleteGroup(context, groupId, `model group ${groupId} (${name})`, release?.hurry),
  };
}

export function deploymentEntry(context: EntryContext, modelId: string): TrackedResource {
  return {
    kind: 'deployment',
    id: modelId,
    label: `deployment of ${modelId}`,
    release: async (release) => {
      await undeployIfLoaded(context.client, modelId, releaseOptions(context, release?.hurry));
    },
  };
}

/**
 * A registered model. `autoGroup`: it was registered without model_group_id, so ML Commons created a group named
 * after it, removed with it. `afterRelease` runs once the model is deleted (an upload's chunk documents).
 */
export function modelEntry(
  context: EntryContext,
  modelId: string,
  name: string,
  autoGroup: boolean,
  afterRelease?: () => Promise<void>,
): TrackedResource {
  return {
    kind: 'model',
    id: modelId,
    label: name,
    release: async (release) => {
      const hurry = release?.hurry;
      const groupId = autoGroup ? await groupOf(context, modelId, hurry) : undefined;
      await releaseModel(context.client, modelId, releaseOptions(context, hurry));
      await afterRelease?.();
      if (groupId !== undefined) {
        await deleteGroup(context, groupId, `model group ${groupId} (made for model ${name})`, hurry).catch(
          (error: unknown) => {
            if (!isMlHttpError(error, 404)) {
              throw error;
            }
          },
        );
      }
    },
  };
}

/** A registration tracked by name before its request is sent; `replace`d by the model entry once the task names it. */
export function pendingRegistrationEntry(context: EntryContext, input: PendingEntryInput): TrackedResource {
  return {
    kind: 'model',
    id: `pending:${input.name}`,
    label: input.name,
    release: (release) =>
      releasePendingRegistration(context.client, {
        name: input.name,
        taskId: input.taskId(),
        autoGroup: input.autoGroup,
        budgetMs: input.budgetMs,
        clock: context.clock,
        ...(release?.hurry === undefined ? {} : { hurry: release.hurry }),
      }),
  };
}

async function deleteGroup(
  context: EntryContext,
  groupId: string,
  resource: string,
  hurry: AbortSignal | undefined,
): Promise<void> {
  await retryReleaseOn429(() => context.client.deleteModelGroup(groupId), retryOptions(context, resource, hurry));
}

async function groupOf(
  context: EntryContext,
  modelId: string,
  hurry: AbortSignal | undefined,
): Promise<string | undefined> {
  const model = await retryReleaseOn429(
    () => context.client.getModel(modelId),
    retryOptions(context, `model ${modelId}`, hurry),
  );
  return model.model_group_id;
}

function retryOptions(context: EntryContext, resource: string, hurry: AbortSignal | undefined): ReleaseRetryOptions {
  return { resource, clock: context.clock, hurry };
}

function releaseOptions(context: EntryContext, hurry: AbortSignal | undefined): ModelReleaseOptions {
  return { undeployTimeoutMs: context.undeployMs, clock: context.clock, ...(hurry === undefined ? {} : { hurry }) };
}
