/**
 * Model documents a refused registration left behind. A FAILED register task names no model (recorded on 2.19.6 and
 * 3.6.0), so the model is looked up by the name it was registered under as well as by the task's model_id, and every
 * hit is confirmed by a realtime GET. Searches lag behind writes by the index refresh: on a real cluster the search is
 * repeated until `refreshMs` has passed, and a survivor gets that long again to disappear (ML Commons deletes the
 * document in the task's failure handler, which may land just after the task says FAILED).
 */
import { systemClock, type Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { presence } from './http-outcome.ts';

/** OpenSearch's default `index.refresh_interval` is 1 s; half a second more for the request itself. */
export const DEFAULT_SEARCH_REFRESH_MS = 1500;
const RETRY_MS = 250;

export interface SurvivorOptions {
  /** How long a new or deleted document may take to show in searches (0 for the simulator). */
  readonly refreshMs?: number;
  readonly clock?: Clock;
}

type SurvivorClient = Pick<MlClient, 'searchModels' | 'getModel'>;

async function confirmedModels(client: SurvivorClient, name: string, taskModelId: string | undefined) {
  const query = {
    bool: { filter: [{ term: { 'name.keyword': name } }], must_not: [{ exists: { field: 'chunk_number' } }] },
  };
  const found = await client.searchModels({ size: 20, query });
  const ids = new Set(found.hits.filter((hit) => hit.source.chunk_number === undefined).map((hit) => hit.id));
  if (taskModelId !== undefined) {
    ids.add(taskModelId);
  }
  const present: string[] = [];
  for (const id of ids) {
    if ((await presence(client.getModel(id))) === 'present') {
      present.push(id);
    }
  }
  return present.sort();
}

/** Ids of the models named `name` (or the task's model) that still exist once searches caught up; empty when none. */
export async function survivingModels(
  client: SurvivorClient,
  name: string,
  taskModelId: string | undefined,
  options: SurvivorOptions = {},
): Promise<string[]> {
  const clock = options.clock ?? systemClock;
  const refreshMs = options.refreshMs ?? DEFAULT_SEARCH_REFRESH_MS;
  const start = clock.now();
  for (;;) {
    const present = await confirmedModels(client, name, taskModelId);
    const elapsed = clock.now() - start;
    if (elapsed >= refreshMs && (present.length === 0 || elapsed >= 2 * refreshMs)) {
      return present;
    }
    await clock.sleep(RETRY_MS);
  }
}
