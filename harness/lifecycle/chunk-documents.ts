/**
 * A model's chunk documents (`<modelId>_<n>` in the model index). ML Commons' model search returns them — it does
 * not filter chunks out — and deleting a model removes them only afterwards, by a delete-by-query without refresh:
 * a search right after the DELETE still finds them, and for an uploaded model (its chunks carry model_group_id)
 * deleting the group then answers 409 (recorded on 2.19.6 and 3.6.0). So "gone" means: the chunk search is empty.
 */
import type { Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { pollUntil, summarizeHistory } from '../ml/poll-loop.ts';
import { OmlcError } from '../errors/omlc-error.ts';

export type ChunkSearchClient = Pick<MlClient, 'searchModels'>;

/** Ids of the chunk documents of `modelId` the index still returns. */
export async function chunkDocumentIds(
  client: ChunkSearchClient,
  modelId: string,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<string[]> {
  const query = { bool: { filter: [{ term: { model_id: modelId } }, { exists: { field: 'chunk_number' } }] } };
  const found = await client.searchModels({ size: 100, query, _source: ['chunk_number'] }, options);
  return found.hits.map((hit) => hit.id);
}

export class ChunksLeftError extends OmlcError<'chunks-left'> {
  override name = 'ChunksLeftError';
  readonly ids: readonly string[];

  constructor(modelId: string, ids: readonly string[], timeoutMs: number, history: string) {
    const after = `${(timeoutMs / 1000).toFixed(0)} s after the model was deleted`;
    super(
      'chunks-left',
      ids.length === 0
        ? // No search answered before the deadline: nothing is known to be left, and nothing is known to be gone.
          `could not confirm that the chunk documents of model ${modelId} are gone ${after}: no chunk search answered (${history})`
        : `chunk documents of model ${modelId} still in the model index ${after}: ${ids.join(', ')} (${history})`,
    );
    this.ids = ids;
  }
}

/** Waits until a chunk search for `modelId` is empty; throws ChunksLeftError with what is left at the deadline. */
export async function waitForChunksGone(
  client: ChunkSearchClient,
  modelId: string,
  options: { timeoutMs: number; clock?: Clock; signal?: AbortSignal },
): Promise<void> {
  const outcome = await pollUntil<string[]>(
    {
      fetch: (timeoutMs, signal) =>
        chunkDocumentIds(client, modelId, signal === undefined ? { timeoutMs } : { timeoutMs, signal }),
      stateOf: (ids) => `${ids.length} chunk(s)`,
      classify: (ids) => (ids.length === 0 ? 'done' : 'pending'),
    },
    { ...options, initialIntervalMs: 100 },
  );
  if (outcome.kind === 'timeout') {
    throw new ChunksLeftError(modelId, outcome.last ?? [], options.timeoutMs, summarizeHistory(outcome.history));
  }
}
