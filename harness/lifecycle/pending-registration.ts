/**
 * Releasing a registration whose model id the harness never learned: the run was interrupted with the register
 * request, or its task, still in flight. The request may never have reached the cluster, or its task may create the
 * model a moment later. What it made is found through the task (when its id came back: its end is awaited, since the
 * task writes the model and its chunks until then) and by the exact run-scoped name, then removed like any model. When
 * nothing is found the entry counts as already gone; the end-of-run sweep by run id is the second net. Its requests
 * are sent again after a 429 (release-retry.ts).
 */
import type { Clock } from '../ml/clock.ts';
import { systemClock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { isMlHttpError, MlHttpError } from '../ml/errors.ts';
import { waitForTask } from '../ml/wait-for-task.ts';
import { TaskFailedError, TaskTimeoutError } from '../ml/wait-errors.ts';
import { releaseModel } from './model-release.ts';
import { retryReleaseOn429 } from './release-retry.ts';
import { AlreadyGone } from './resource-ledger.ts';

export type PendingClient = Pick<
  MlClient,
  'getTask' | 'searchModels' | 'getModel' | 'undeployModel' | 'deleteModel' | 'deleteModelGroup'
>;

export interface PendingRegistration {
  readonly name: string;
  /** Set once the register request answered. */
  readonly taskId: string | undefined;
  /** Registered without a group: ML Commons made one named after the model, removed with it. */
  readonly autoGroup: boolean;
  /** Budget for the task to end and for each wait of the removal. */
  readonly budgetMs: number;
  readonly clock?: Clock;
  readonly hurry?: AbortSignal;
}

/** The search index shows a new document after its refresh (1 s by default): look twice, that far apart. */
const REFRESH_WAIT_MS = 1_200;
/** A fresh cluster answers model searches with 500 "Fail to search model version" while it creates its index. */
const SEARCH_RETRY_MS = 10_000;

export async function releasePendingRegistration(client: PendingClient, pending: PendingRegistration): Promise<void> {
  const clock = pending.clock ?? systemClock;
  const ids = new Set<string>();
  if (pending.taskId !== undefined) {
    const fromTask = await modelOfTask(client, pending.taskId, pending);
    if (fromTask !== undefined) {
      ids.add(fromTask);
    }
  }
  for (const id of await modelsNamed(client, pending, clock)) {
    ids.add(id);
  }
  if (ids.size === 0 && pending.taskId === undefined) {
    await clock.sleep(REFRESH_WAIT_MS);
    for (const id of await modelsNamed(client, pending, clock)) {
      ids.add(id);
    }
  }
  if (ids.size === 0) {
    throw new AlreadyGone(`no model named ${pending.name}: the register request created nothing`);
  }
  const options = {
    undeployTimeoutMs: pending.budgetMs,
    clock,
    ...(pending.hurry === undefined ? {} : { hurry: pending.hurry }),
  };
  for (const id of ids) {
    const groupId = pending.autoGroup ? await groupOf(client, id, pending) : undefined;
    try {
      await releaseModel(client, id, options);
    } catch (error) {
      if (!isMlHttpError(error, 404)) {
        throw error;
      }
    }
    if (groupId !== undefined) {
      const resource = `model group ${groupId} (made for model ${pending.name})`;
      await patiently(resource, pending, () => client.deleteModelGroup(groupId)).catch((error: unknown) => {
        if (!isMlHttpError(error, 404)) {
          throw error;
        }
      });
    }
  }
}

async function modelOfTask(
  client: PendingClient,
  taskId: string,
  pending: PendingRegistration,
): Promise<string | undefined> {
  try {
    const task = await waitForTask(client, taskId, {
      timeoutMs: pending.budgetMs,
      ...(pending.clock === undefined ? {} : { clock: pending.clock }),
      ...(pending.hurry === undefined ? {} : { hurry: pending.hurry }),
    });
    return task.model_id;
  } catch (error) {
    if (error instanceof TaskFailedError) {
      return error.task.model_id;
    }
    if (error instanceof TaskTimeoutError) {
      return error.last?.model_id;
    }
    if (isMlHttpError(error, 404)) {
      return undefined;
    }
    throw error;
  }
}

async function modelsNamed(client: PendingClient, pending: PendingRegistration, clock: Clock): Promise<string[]> {
  const query = {
    bool: { filter: [{ term: { 'name.keyword': pending.name } }], must_not: [{ exists: { field: 'chunk_number' } }] },
  };
  const deadline = clock.now() + SEARCH_RETRY_MS;
  for (;;) {
    try {
      const found = await patiently(`models named ${pending.name}`, pending, () =>
        client.searchModels({ size: 20, query }),
      );
      return found.hits.filter((hit) => hit.source.chunk_number === undefined).map((hit) => hit.id);
    } catch (error) {
      if (!(error instanceof MlHttpError && error.status >= 500) || clock.now() >= deadline) {
        throw error;
      }
      await clock.sleep(500);
    }
  }
}

async function groupOf(
  client: PendingClient,
  modelId: string,
  pending: PendingRegistration,
): Promise<string | undefined> {
  try {
    return (await patiently(`model ${modelId}`, pending, () => client.getModel(modelId))).model_group_id;
  } catch (error) {
    if (isMlHttpError(error, 404)) {
      return undefined;
    }
    throw error;
  }
}

/** One request of the release, sent again after a 429 within the registration's budget. */
function patiently<T>(resource: string, pending: PendingRegistration, request: () => Promise<T>): Promise<T> {
  return retryReleaseOn429(request, {
    resource,
    budgetMs: pending.budgetMs,
    clock: pending.clock,
    hurry: pending.hurry,
  });
}
