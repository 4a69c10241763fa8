/**
 * Pipeline + k-NN index + ingest + query for one deployed model, with both resources in the ledger before the request
 * that creates them is sent (their names are ours, so a release that finds nothing — 404 — counts as done). The neural
 * suite builds on it, and so can any other check that needs documents embedded by a model (e.g. before and after an
 * upgrade: `attachNeuralFixture` reopens the same pipeline and index by name in a later process).
 */
import { retryReleaseOn429 } from '../lifecycle/release-retry.ts';
import type { ResourceLedger } from '../lifecycle/resource-ledger.ts';
import { resourceName } from '../lifecycle/resource-naming.ts';
import type { MlClient } from '../ml/client.ts';
import {
  knnIndexBody,
  knnQuery,
  neuralQuery,
  pipelineBody,
  TEXT_FIELD,
  VECTOR_FIELD,
  type KnnEngine,
  type KnnIndexSpec,
  type SpaceType,
} from './index-spec.ts';
import type { NeuralApi } from './neural-api.ts';
import type { BulkItem, SearchResponse } from './neural-schemas.ts';

export type NeuralClient = Pick<MlClient, keyof NeuralApi>;

export interface NeuralFixtureNames {
  readonly pipelineId: string;
  readonly indexName: string;
}

/** `omlc-<runId>-<scope>-pipeline` / `-index`: found by the leak audit through the run-id prefix like models. */
export function neuralFixtureNames(runId: string, scope: string, purpose = 'neural'): NeuralFixtureNames {
  return {
    pipelineId: resourceName(runId, scope, `${purpose}-pipeline`),
    indexName: resourceName(runId, scope, `${purpose}-index`),
  };
}

export interface NeuralFixtureOptions {
  readonly client: NeuralClient;
  readonly ledger: ResourceLedger;
  readonly names: NeuralFixtureNames;
  /** A deployed text-embedding model. */
  readonly modelId: string;
  /** The index's `knn_vector` dimension: the model's, or deliberately another one. */
  readonly dimension: number;
  readonly spaceType: SpaceType;
  /** Default `lucene`, the only engine the native target can run. */
  readonly engine?: KnnEngine;
}

export interface IngestDocument {
  readonly id: string;
  readonly text: string;
}

export interface IngestResult {
  /** One item per document, in order; an item with `error` was refused. */
  readonly items: readonly BulkItem[];
  readonly errors: boolean;
}

export interface NeuralFixture extends NeuralFixtureNames {
  readonly modelId: string;
  /** `_bulk` with `refresh=true`: searchable when this resolves. */
  ingest(docs: readonly IngestDocument[]): Promise<IngestResult>;
  /** The vector the pipeline stored for a document (`_source.embedding`). */
  storedVector(id: string): Promise<number[]>;
  /** `neural` query: the text embedded by the cluster with the model (QUERY content type on 3.5+ for asymmetric). */
  neuralSearch(text: string, k: number): Promise<SearchResponse>;
  knnSearch(vector: readonly number[], k: number): Promise<SearchResponse>;
  count(): Promise<number>;
}

/** Creates the ingest pipeline (tracked first: the name is ours, a release that finds nothing is done). */
export async function createIngestPipeline(
  client: NeuralClient,
  ledger: ResourceLedger,
  pipelineId: string,
  modelId: string,
): Promise<void> {
  ledger.track({
    kind: 'ingest-pipeline',
    id: pipelineId,
    label: pipelineId,
    release: (release) =>
      retryReleaseOn429(() => client.deletePipeline(pipelineId), {
        resource: `ingest pipeline ${pipelineId}`,
        hurry: release?.hurry,
      }),
  });
  await client.putPipeline(
    pipelineId,
    pipelineBody(modelId, 'text_embedding with the model under test (opensearch-ml-conformance)'),
  );
}

/** Creates a k-NN index whose writes go through `spec.pipeline` (tracked first, like the pipeline). */
export async function createKnnIndex(
  client: NeuralClient,
  ledger: ResourceLedger,
  indexName: string,
  spec: KnnIndexSpec,
): Promise<void> {
  ledger.track({
    kind: 'index',
    id: indexName,
    label: indexName,
    release: (release) =>
      retryReleaseOn429(() => client.deleteIndex(indexName), { resource: `index ${indexName}`, hurry: release?.hurry }),
  });
  await client.createIndex(indexName, knnIndexBody(spec));
}

/** Creates the pipeline, then the index, and returns the handle. */
export async function createNeuralFixture(options: NeuralFixtureOptions): Promise<NeuralFixture> {
  const { client, ledger, names } = options;
  await createIngestPipeline(client, ledger, names.pipelineId, options.modelId);
  await createKnnIndex(client, ledger, names.indexName, {
    dimension: options.dimension,
    spaceType: options.spaceType,
    engine: options.engine ?? 'lucene',
    pipeline: names.pipelineId,
  });
  return attachNeuralFixture(client, names, options.modelId);
}

/** A handle on an existing pipeline + index (no creation, no tracking). */
export function attachNeuralFixture(client: NeuralClient, names: NeuralFixtureNames, modelId: string): NeuralFixture {
  return {
    ...names,
    modelId,
    async ingest(docs) {
      const response = await client.bulkIndex(
        names.indexName,
        docs.map((doc) => ({ id: doc.id, source: { [TEXT_FIELD]: doc.text } })),
        { refresh: true },
      );
      const items = response.items.map((item, i) => {
        const entry = Object.values(item)[0];
        if (entry === undefined) {
          throw new Error(`_bulk item ${i} is empty`);
        }
        return entry;
      });
      return { items, errors: response.errors };
    },
    async storedVector(id) {
      const doc = await client.getDocument(names.indexName, id);
      const vector = doc._source?.[VECTOR_FIELD];
      if (!Array.isArray(vector) || !vector.every((v) => typeof v === 'number')) {
        throw new Error(`document ${id} of ${names.indexName} has no numeric ${VECTOR_FIELD} (found ${typeof vector})`);
      }
      return vector;
    },
    neuralSearch: (text, k) => client.searchIndex(names.indexName, neuralQuery(text, modelId, k)),
    knnSearch: (vector, k) => client.searchIndex(names.indexName, knnQuery(vector, k)),
    count: () => client.countDocuments(names.indexName),
  };
}
