/**
 * What a failed or timed-out registration may leave behind. The task often names the model; when it does not, a
 * half-registered model document can still exist under the requested name, so it is looked up by exact name.
 */
import type { MlClient } from '../ml/client.ts';
import type { Task } from '../ml/schemas.ts';
import { TaskFailedError, TaskTimeoutError } from '../ml/wait-errors.ts';

export async function leftoverModelIds(
  client: Pick<MlClient, 'searchModels'>,
  name: string,
  error: unknown,
  options: { signal?: AbortSignal } = {},
): Promise<string[]> {
  const ids = new Set<string>();
  const fromTask = taskOfError(error)?.model_id;
  if (fromTask !== undefined) {
    ids.add(fromTask);
  }
  try {
    const query = {
      bool: { filter: [{ term: { 'name.keyword': name } }], must_not: [{ exists: { field: 'chunk_number' } }] },
    };
    const found = await client.searchModels({ size: 20, query }, options);
    for (const hit of found.hits) {
      if (hit.source.chunk_number === undefined) {
        ids.add(hit.id);
      }
    }
  } catch {
    // Best effort: the registration error is what the test must see, and the leak audit is the second net.
  }
  return [...ids];
}

/** TaskFailedError carries the final task, TaskTimeoutError the last one seen. */
function taskOfError(error: unknown): Task | undefined {
  if (error instanceof TaskFailedError) {
    return error.task;
  }
  return error instanceof TaskTimeoutError ? error.last : undefined;
}
