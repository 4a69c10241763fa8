import type { SimContext } from '../context.ts';
import { isObject, type JsonObject } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import { embedWithModel, neuralContentType } from './embed-with-model.ts';
import { knnScore } from './scoring.ts';
import type { IndexRecord } from './types.ts';

export interface KnnHit {
  _index: string;
  _id: string;
  _score: number;
  _source: JsonObject;
}

export interface KnnSearchBody {
  took: number;
  timed_out: false;
  _shards: { total: 1; successful: 1; skipped: 0; failed: 0 };
  hits: { total: { value: number; relation: 'eq' }; max_score: number | null; hits: KnnHit[] };
}

interface KnnClause {
  readonly field: string;
  readonly k: number;
  readonly vector?: readonly number[];
  readonly queryText?: string;
  readonly modelId?: string;
}

/**
 * `_search` with one top-level `neural` or `knn` clause, answered by exhaustive scoring (the lucene HNSW graph of a
 * small index finds the exact neighbours; the scores are the engine's, see scoring.ts): the k best documents that
 * have the field, best first (ties in index order), then `size` (default 10) of them, `_source` filtered.
 */
export async function knnSearch(ctx: SimContext, index: IndexRecord, body: JsonObject): Promise<KnnSearchBody> {
  const clause = parseClause(body.query);
  const field = index.knnFields.get(clause.field);
  if (field === undefined) {
    throw new SimulatorUnsupportedError(`k-NN query on [${clause.field}], which is not a knn_vector field`);
  }
  let vector = clause.vector;
  if (vector === undefined) {
    const modelId = clause.modelId ?? '';
    const contentType = neuralContentType(ctx, modelId, 'query');
    [vector] = await embedWithModel(ctx, modelId, [clause.queryText ?? ''], contentType, 'neuralModelNotFound');
  }
  if (vector?.length !== field.dimension) {
    throw new HttpError('knnQueryDimension', { given: vector?.length ?? 0, expected: field.dimension });
  }
  const query = vector;
  const scored = [...index.docs.entries()]
    .filter(([, doc]) => Array.isArray(doc.source[clause.field]))
    .map(([id, doc]) => ({ id, doc, score: knnScore(field.spaceType, query, doc.source[clause.field] as number[]) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, clause.k);
  if (ctx.faults.wrong.reverseSearchHits === true) {
    // Wrong on purpose (misbehaviour): the worst of the k neighbours comes first.
    scored.reverse();
  }
  const size = typeof body.size === 'number' ? body.size : 10;
  return {
    took: 1,
    timed_out: false,
    _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    hits: {
      total: { value: scored.length, relation: 'eq' },
      max_score: scored.length === 0 ? null : Math.max(...scored.map((s) => s.score)),
      hits: scored.slice(0, size).map(({ id, doc, score }) => ({
        _index: index.name,
        _id: id,
        _score: score,
        _source: filterSource(doc.source, body._source),
      })),
    },
  };
}

function parseClause(query: unknown): KnnClause {
  const type = isObject(query) ? Object.keys(query) : [];
  if (!isObject(query) || type.length !== 1 || (type[0] !== 'neural' && type[0] !== 'knn')) {
    throw new SimulatorUnsupportedError('a search whose query is not one top-level neural or knn clause');
  }
  const clause = query[type[0]];
  const entries = isObject(clause) ? Object.entries(clause) : [];
  const [field, spec] = entries[0] ?? [];
  if (entries.length !== 1 || field === undefined || !isObject(spec)) {
    throw new SimulatorUnsupportedError(`a ${type[0]} clause over more or less than one field`);
  }
  const k = spec.k;
  if (typeof k !== 'number' || !Number.isInteger(k) || k <= 0) {
    throw new SimulatorUnsupportedError(`${type[0]} without a positive integer k (min_score/max_distance)`);
  }
  if (type[0] === 'knn') {
    if (!Array.isArray(spec.vector) || !spec.vector.every((v) => typeof v === 'number')) {
      throw new SimulatorUnsupportedError('knn without a numeric vector');
    }
    return { field, k, vector: spec.vector };
  }
  if (typeof spec.query_text !== 'string' || typeof spec.model_id !== 'string') {
    throw new SimulatorUnsupportedError('neural without query_text and model_id (default models, images)');
  }
  return { field, k, queryText: spec.query_text, modelId: spec.model_id };
}

/** `_source: false | true | {includes, excludes}`, top-level fields only. */
function filterSource(source: JsonObject, spec: unknown): JsonObject {
  if (spec === false) {
    return {};
  }
  if (!isObject(spec)) {
    return structuredClone(source);
  }
  const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
  const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.map(text) : value === undefined ? [] : [text(value)];
  const includes = list(spec.includes);
  const excludes = list(spec.excludes);
  return Object.fromEntries(
    Object.entries(source)
      .filter(([key]) => (includes.length === 0 || includes.includes(key)) && !excludes.includes(key))
      .map(([key, value]) => [key, structuredClone(value)]),
  );
}
