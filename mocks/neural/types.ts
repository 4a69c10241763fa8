/**
 * Ingest pipelines and user indices of the simulated node (the k-NN and neural-search plugins' view of it), kept
 * apart from ML Commons' own documents. Shapes follow what a real node stores and returns.
 */
import type { JsonObject } from '../http/body.ts';

/** Space types of the lucene engine and how OpenSearch turns a similarity into a score (see scoring.ts). */
export type SpaceType = 'l2' | 'cosinesimil' | 'innerproduct';

export interface TextEmbeddingProcessor {
  readonly modelId: string;
  /** Source text field → target vector field. */
  readonly fieldMap: Readonly<Record<string, string>>;
}

export interface PipelineRecord {
  readonly id: string;
  /** The body as sent, returned verbatim by GET. */
  readonly body: JsonObject;
  readonly processors: readonly TextEmbeddingProcessor[];
}

export interface KnnField {
  readonly dimension: number;
  readonly spaceType: SpaceType;
  readonly engine: 'lucene';
}

export interface StoredDoc {
  source: JsonObject;
  version: number;
  seqNo: number;
}

export interface IndexRecord {
  readonly name: string;
  readonly uuid: string;
  /** `properties` as GET _mapping prints them (method parameters filled in). */
  readonly properties: JsonObject;
  readonly knnFields: ReadonlyMap<string, KnnField>;
  readonly defaultPipeline: string | undefined;
  readonly replicas: number;
  readonly docs: Map<string, StoredDoc>;
  nextSeqNo: number;
}
