import type { SimContext } from '../context.ts';
import { isObject, type JsonObject } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { documentId } from '../ids.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import { embedWithModel, neuralContentType } from './embed-with-model.ts';
import type { IndexRecord, PipelineRecord } from './types.ts';

export interface IndexedDoc {
  readonly id: string;
  readonly version: number;
  readonly seqNo: number;
  readonly created: boolean;
}

/** Runs a pipeline's text_embedding processors over a document source; fields the source lacks are skipped. */
export async function runPipeline(ctx: SimContext, pipeline: PipelineRecord, source: JsonObject): Promise<JsonObject> {
  const out = structuredClone(source);
  for (const processor of pipeline.processors) {
    const pairs = Object.entries(processor.fieldMap).filter(([from]) => out[from] !== undefined);
    if (pairs.length === 0) {
      continue;
    }
    const texts = pairs.map(([from]) => {
      const value = out[from];
      if (typeof value !== 'string') {
        throw new SimulatorUnsupportedError(`text_embedding over a non-string field [${from}]`);
      }
      return value;
    });
    const contentType = neuralContentType(ctx, processor.modelId, 'ingest');
    const vectors = await embedWithModel(ctx, processor.modelId, texts, contentType, 'modelNotFoundForPredict');
    pairs.forEach(([, to], i) => {
      out[to] = perturbed(vectors[i] ?? [], ctx.faults.wrong.perturbStoredVector ?? 0);
    });
  }
  return out;
}

/** Wrong on purpose (misbehaviour): the stored vector differs from what `_predict` returns for the same text. */
function perturbed(vector: number[], amount: number): number[] {
  return amount === 0 ? vector : vector.map((value, i) => Math.fround(value + (i % 2 === 0 ? amount : -amount)));
}

/**
 * Validates knn_vector fields against the mapping (k-NN's KNNVectorFieldMapper: the dimension check throws
 * "Vector dimension mismatch. Expected: X, Given: Y" wrapped in a mapper_parsing_exception), then stores the doc.
 */
export function storeDocument(
  ctx: SimContext,
  index: IndexRecord,
  requestedId: string | undefined,
  source: JsonObject,
): IndexedDoc {
  const id = requestedId ?? documentId();
  for (const [field, knn] of index.knnFields) {
    const value = source[field];
    if (value === undefined || value === null) {
      continue;
    }
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'number')) {
      throw new SimulatorUnsupportedError(`knn_vector [${field}] value that is not an array of numbers`);
    }
    if (value.length !== knn.dimension && ctx.faults.wrong.skipVectorDimensionCheck !== true) {
      throw new HttpError('vectorDimensionMismatch', {
        field,
        docId: id,
        expected: knn.dimension,
        given: value.length,
      });
    }
  }
  const existing = index.docs.get(id);
  const seqNo = index.nextSeqNo;
  index.nextSeqNo += 1;
  const version = (existing?.version ?? 0) + 1;
  index.docs.set(id, { source: structuredClone(source), version, seqNo });
  return { id, version, seqNo, created: existing === undefined };
}

/** The pipeline a write goes through: `?pipeline=` wins over the index's `default_pipeline`; `_none` disables it. */
export function pipelineFor(ctx: SimContext, index: IndexRecord, requested: string | null): PipelineRecord | undefined {
  const id = requested ?? index.defaultPipeline;
  if (id === undefined || id === '_none') {
    return undefined;
  }
  const pipeline = ctx.store.neural.pipelines.get(id);
  if (pipeline === undefined) {
    throw new HttpError('pipelineNotFoundForWrite', { id });
  }
  return pipeline;
}

export function isSourceObject(value: unknown): value is JsonObject {
  return isObject(value);
}
