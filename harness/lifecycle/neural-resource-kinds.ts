/**
 * k-NN indices and ingest pipelines the neural checks create, as sweepable kinds next to models and groups. Both are
 * listed from the cluster state (`_cat/indices`, `_ingest/pipeline`), so unlike model searches there is no refresh
 * lag. They go before models: a pipeline names its model, and an index names its pipeline as `default_pipeline`.
 */
import type { MlClient } from '../ml/client.ts';
import type { FoundResource, SweepableKind } from './resource-kinds.ts';

/** Filter again locally: the prefix must hold even if a server (or the simulator) widened the pattern. */
const under = (prefix: string, names: readonly string[]): string[] => names.filter((name) => name.startsWith(prefix));

export const INDEX_KIND: SweepableKind = {
  kind: 'index',
  releaseOrder: 1,
  async find(client: MlClient, namePrefix: string): Promise<FoundResource[]> {
    const names = under(namePrefix, await client.listIndices(`${namePrefix}*`));
    return names.map((name) => ({ kind: 'index', id: name, name }));
  },
  async exists(client, resource) {
    return (await client.listIndices(resource.name)).includes(resource.name);
  },
  async release(client, resource) {
    await client.deleteIndex(resource.id);
  },
};

export const INGEST_PIPELINE_KIND: SweepableKind = {
  kind: 'ingest-pipeline',
  releaseOrder: 2,
  async find(client: MlClient, namePrefix: string): Promise<FoundResource[]> {
    const names = under(namePrefix, Object.keys(await client.getPipelines(`${namePrefix}*`)));
    return names.map((name) => ({ kind: 'ingest-pipeline', id: name, name }));
  },
  async exists(client, resource) {
    return Object.keys(await client.getPipelines(resource.name)).includes(resource.name);
  },
  async release(client, resource) {
    await client.deletePipeline(resource.id);
  },
};
