/**
 * What the neural checks create for a model: an ingest pipeline with one `text_embedding` processor, and a k-NN
 * index whose `knn_vector` field has the model's dimension, an explicit engine (never the FAISS default: the Maven
 * k-NN zips of the native target carry no native libraries and a FAISS index kills that node) and a space type chosen
 * from the model's output.
 */

export const KNN_ENGINES = ['lucene', 'faiss', 'nmslib'] as const;
export type KnnEngine = (typeof KNN_ENGINES)[number];

export type SpaceType = 'l2' | 'cosinesimil' | 'innerproduct';

/** Source text field and target vector field of every document the checks write. */
export const TEXT_FIELD = 'text';
export const VECTOR_FIELD = 'embedding';

export interface SpaceChoice {
  readonly spaceType: SpaceType;
  readonly why: string;
}

/**
 * Unit-norm output → `cosinesimil`: ranking equals inner product there, scores stay in [0, 1] and an exact match
 * scores 1.0 whatever float drift the norm has. Otherwise `l2`: inner product would favour long vectors over close
 * ones, and cosine would hide a norm the model means to carry. Read from `expectations.normalized` (what the model
 * outputs), not `model_config.normalize_result` (a TorchScript model may normalize inside the graph).
 */
export function spaceTypeFor(expectations: { readonly normalized: boolean }): SpaceChoice {
  return expectations.normalized
    ? {
        spaceType: 'cosinesimil',
        why: 'the model outputs unit vectors: cosine ranks like inner product, exact match = 1.0',
      }
    : { spaceType: 'l2', why: 'the model outputs unnormalized vectors: inner product would favour long vectors' };
}

export function pipelineBody(modelId: string, description: string): Record<string, unknown> {
  return {
    description,
    processors: [{ text_embedding: { model_id: modelId, field_map: { [TEXT_FIELD]: VECTOR_FIELD } } }],
  };
}

export interface KnnIndexSpec {
  readonly dimension: number;
  readonly spaceType: SpaceType;
  readonly engine: KnnEngine;
  /** Runs on every write (`index.default_pipeline`). */
  readonly pipeline: string;
}

/** One shard and no replica: a single-node cluster stays green and scores come from one HNSW graph. */
export function knnIndexBody(spec: KnnIndexSpec): Record<string, unknown> {
  return {
    settings: {
      index: { knn: true, default_pipeline: spec.pipeline, number_of_shards: 1, number_of_replicas: 0 },
    },
    mappings: {
      properties: {
        [TEXT_FIELD]: { type: 'text' },
        [VECTOR_FIELD]: {
          type: 'knn_vector',
          dimension: spec.dimension,
          method: { name: 'hnsw', engine: spec.engine, space_type: spec.spaceType },
        },
      },
    },
  };
}

export function neuralQuery(text: string, modelId: string, k: number): Record<string, unknown> {
  return {
    size: k,
    _source: { excludes: [VECTOR_FIELD] },
    query: { neural: { [VECTOR_FIELD]: { query_text: text, model_id: modelId, k } } },
  };
}

export function knnQuery(vector: readonly number[], k: number): Record<string, unknown> {
  return {
    size: k,
    _source: { excludes: [VECTOR_FIELD] },
    query: { knn: { [VECTOR_FIELD]: { vector, k } } },
  };
}
