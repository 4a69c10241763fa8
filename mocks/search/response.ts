import { HttpError } from '../http/errors.ts';
import { isObject, type JsonObject } from '../http/body.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import { compileQuery, fieldValues, type SearchableDoc } from './query.ts';

export interface SearchHit {
  _index: string;
  _id: string;
  _version?: number;
  _seq_no?: number;
  _primary_term?: number;
  _score: number | null;
  _source: JsonObject;
  sort?: unknown[];
}

export interface SearchResponseBody {
  took: number;
  timed_out: boolean;
  _shards: { total: number; successful: number; skipped: number; failed: number };
  hits: { total: { value: number; relation: 'eq' }; max_score: number | null; hits: SearchHit[] };
}

interface SortKey {
  readonly field: string;
  readonly descending: boolean;
}

/**
 * Runs a search body over documents in index order and shapes the answer like OpenSearch: exact totals, every
 * hit scored 1.0 (the simulator does not rank) unless sorted, `from`/`size` paging (size defaults to 10).
 */
export function executeSearch(index: string, docs: readonly SearchableDoc[], body: JsonObject): SearchResponseBody {
  for (const key of ['aggs', 'aggregations', 'collapse', 'search_after']) {
    if (body[key] !== undefined) {
      throw new SimulatorUnsupportedError(`[${key}] in _search`);
    }
  }
  const predicate = compileQuery(body.query);
  const size = integer(body.size, 10, 'size');
  const from = integer(body.from, 0, 'from');
  const sortKeys = parseSort(body.sort);
  const matched = docs.filter(predicate);
  if (sortKeys.length > 0) {
    matched.sort((a, b) => compareBy(sortKeys, a, b));
  }
  const page = matched.slice(from, from + size);
  const sorted = sortKeys.length > 0;
  return {
    took: 1,
    timed_out: false,
    _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
    hits: {
      total: { value: matched.length, relation: 'eq' },
      max_score: sorted || matched.length === 0 ? null : 1,
      hits: page.map((doc) => ({
        _index: index,
        _id: doc.id,
        ...(doc.versioning === undefined
          ? {}
          : { _version: doc.versioning.version, _seq_no: doc.versioning.seqNo, _primary_term: 1 }),
        _score: sorted ? null : 1,
        _source: filterSource(doc.source, body._source),
        ...(sorted ? { sort: sortKeys.map((key) => sortValue(doc, key.field)) } : {}),
      })),
    },
  };
}

function integer(value: unknown, fallback: number, name: string): number {
  if (value === undefined || value === null) {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new HttpError('badJson', { detail: `[${name}] must be a non-negative integer` });
  }
  return parsed;
}

function parseSort(raw: unknown): SortKey[] {
  if (raw === undefined || raw === null) {
    return [];
  }
  return (Array.isArray(raw) ? raw : [raw]).flatMap((entry: unknown): SortKey[] => {
    if (typeof entry === 'string') {
      return entry === '_score' ? [] : [{ field: entry, descending: false }];
    }
    if (!isObject(entry)) {
      throw new HttpError('badJson', { detail: 'sort entries must be strings or objects' });
    }
    return Object.entries(entry).flatMap(([field, spec]) => {
      if (field === '_score') {
        return [];
      }
      const order = isObject(spec) ? spec.order : spec;
      return [{ field, descending: order === 'desc' }];
    });
  });
}

function sortValue(doc: SearchableDoc, field: string): string | number | null {
  if (field === '_id') {
    return doc.id;
  }
  const [first] = fieldValues(doc.source, field);
  if (first === undefined) {
    return null;
  }
  const numeric = Number(first);
  return first.trim() !== '' && Number.isFinite(numeric) ? numeric : first;
}

function compareBy(keys: readonly SortKey[], a: SearchableDoc, b: SearchableDoc): number {
  for (const key of keys) {
    const left = sortValue(a, key.field);
    const right = sortValue(b, key.field);
    // Missing values sort last in both directions, as OpenSearch's default `missing: _last`.
    if (left === null || right === null) {
      if (left !== right) {
        return left === null ? 1 : -1;
      }
      continue;
    }
    const order =
      typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
    if (order !== 0) {
      return key.descending ? -order : order;
    }
  }
  return 0;
}

/** `_source: false | "field" | [fields] | {includes, excludes}` on top-level and dotted paths. */
function filterSource(source: JsonObject, spec: unknown): JsonObject {
  if (spec === undefined || spec === true) {
    return structuredClone(source);
  }
  if (spec === false) {
    return {};
  }
  const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
  const list = (value: unknown): string[] =>
    value === undefined ? [] : Array.isArray(value) ? value.map(text) : [text(value)];
  const includes = isObject(spec) ? list(spec.includes) : list(spec);
  const excludes = isObject(spec) ? list(spec.excludes) : [];
  const covers = (patterns: string[], key: string): boolean =>
    patterns.some((pattern) => pattern === key || pattern.startsWith(`${key}.`) || key.startsWith(`${pattern}.`));
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(source)) {
    if ((includes.length === 0 || covers(includes, key)) && !excludes.includes(key)) {
      out[key] = structuredClone(value);
    }
  }
  return out;
}
