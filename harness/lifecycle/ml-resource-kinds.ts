/**
 * ML Commons models and model groups as sweepable kinds. Both are found through ML Commons' own `_search` routes with
 * a prefix query on `name.keyword`; model chunk documents (same index, same name) are left out. Models go first: a
 * group that still has models cannot be deleted.
 */
import type { MlClient } from '../ml/client.ts';
import { isMlHttpError } from '../ml/errors.ts';
import { releaseModel } from './model-release.ts';
import type { FoundResource, SweepableKind } from './resource-kinds.ts';

/** ML Commons caps `size` at the index's max_result_window (10 000); a run creates far fewer. */
const PAGE_SIZE = 1000;

/** Filter again locally: the prefix must hold even if a server (or a simulator) ignores part of the query. */
const named = (prefix: string, name: string | undefined): name is string => name?.startsWith(prefix) === true;

async function stillExists(lookup: () => Promise<unknown>): Promise<boolean> {
  try {
    await lookup();
    return true;
  } catch (error) {
    if (isMlHttpError(error, 404)) {
      return false;
    }
    throw error;
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export const MODEL_KIND: SweepableKind = {
  kind: 'model',
  releaseOrder: 10,
  async find(client: MlClient, namePrefix: string): Promise<FoundResource[]> {
    const found = await client.searchModels({
      size: PAGE_SIZE,
      query: {
        bool: {
          filter: [{ prefix: { 'name.keyword': namePrefix } }],
          // Model chunks are documents of the same index that repeat the model's name.
          must_not: [{ exists: { field: 'chunk_number' } }],
        },
      },
    });
    return found.hits.flatMap((hit) =>
      hit.source.chunk_number === undefined && named(namePrefix, hit.source.name)
        ? [
            {
              kind: 'model',
              id: hit.id,
              name: hit.source.name,
              ...optional('createdAt', hit.source.created_time),
              ...optional('state', hit.source.model_state),
            },
          ]
        : [],
    );
  },
  exists: (client, resource) => stillExists(() => client.getModel(resource.id)),
  release: (client, resource, options) =>
    releaseModel(client, resource.id, {
      undeployTimeoutMs: options.budgetMs,
      ...optional('hurry', options.hurry),
      ...optional('clock', options.clock),
    }),
};

export const MODEL_GROUP_KIND: SweepableKind = {
  kind: 'model-group',
  releaseOrder: 20,
  async find(client: MlClient, namePrefix: string): Promise<FoundResource[]> {
    const found = await client.searchModelGroups({
      size: PAGE_SIZE,
      query: { bool: { filter: [{ prefix: { 'name.keyword': namePrefix } }] } },
    });
    return found.hits.flatMap((hit) =>
      named(namePrefix, hit.source.name)
        ? [
            {
              kind: 'model-group',
              id: hit.id,
              name: hit.source.name,
              ...optional('createdAt', hit.source.created_time),
            },
          ]
        : [],
    );
  },
  exists: (client, resource) => stillExists(() => client.getModelGroup(resource.id)),
  release: async (client, resource) => {
    await client.deleteModelGroup(resource.id);
  },
};
