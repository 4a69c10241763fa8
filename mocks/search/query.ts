import { HttpError } from '../http/errors.ts';
import { isObject, type JsonObject } from '../http/body.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';

/**
 * A small evaluator for the query DSL the harness sends to `_search` (match_all, term/terms, prefix, ids, exists,
 * match, bool). Fields follow the ML Commons index mappings: `name`/`description` are analyzed text with a
 * `.keyword` sub-field, everything else is a keyword (exact). Anything else is refused explicitly rather than
 * approximated, so an offline pass never hides a query the simulator does not understand.
 */

export interface SearchableDoc {
  readonly id: string;
  readonly source: JsonObject;
  /**
   * `_version` / `_seq_no` for searches that report them (ML Commons' model search asks for both). The simulator
   * keeps no per-document sequence numbers: `seqNo` is the index's latest when the search runs.
   */
  readonly versioning?: { readonly version: number; readonly seqNo: number };
}

const TEXT_FIELDS = new Set(['name', 'description', 'model_config.all_config']);

export type Predicate = (doc: SearchableDoc) => boolean;

export function compileQuery(query: unknown): Predicate {
  if (query === undefined || query === null) {
    return () => true;
  }
  if (!isObject(query)) {
    throw new HttpError('badJson', { detail: 'query must be an object' });
  }
  const entries = Object.entries(query);
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) {
    throw new HttpError('badJson', { detail: 'a query object must have exactly one query type' });
  }
  const [type, spec] = entry;
  switch (type) {
    case 'match_all':
      return () => true;
    case 'match_none':
      return () => false;
    case 'ids':
      return idsQuery(spec);
    case 'term':
      return fieldQuery(spec, (values, wanted, text) => (text ? tokensOf(values) : values).includes(wanted));
    case 'terms':
      return termsQuery(spec);
    case 'prefix':
      return fieldQuery(spec, (values, wanted, text) =>
        (text ? tokensOf(values) : values).some((value) => value.startsWith(wanted)),
      );
    case 'match':
      return fieldQuery(spec, (values, wanted, text) => {
        if (!text) {
          return values.includes(wanted);
        }
        const tokens = tokensOf(values);
        return tokenize(wanted).some((token) => tokens.includes(token));
      });
    case 'exists':
      return existsQuery(spec);
    case 'bool':
      return boolQuery(spec);
    default:
      throw new SimulatorUnsupportedError(`query type [${type}] in _search`);
  }
}

/** Reads a field as a list of strings; `x.keyword` reads the raw value of text field `x`. */
export function fieldValues(source: JsonObject, field: string): string[] {
  const path = field.endsWith('.keyword') ? field.slice(0, -'.keyword'.length) : field;
  let current: unknown = source;
  for (const part of path.split('.')) {
    current = isObject(current) ? current[part] : undefined;
  }
  const list = Array.isArray(current)
    ? (current as unknown[])
    : current === undefined || current === null
      ? []
      : [current];
  return list.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
}

function isAnalyzed(field: string): boolean {
  return TEXT_FIELDS.has(field);
}

/** The standard analyzer, near enough: lowercase word tokens. */
function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

function tokensOf(values: string[]): string[] {
  return values.flatMap(tokenize);
}

/** `{field: value}` or `{field: {value|query: …}}`. */
function fieldQuery(spec: unknown, test: (values: string[], wanted: string, analyzed: boolean) => boolean): Predicate {
  const [field, raw] = singleField(spec);
  const value = isObject(raw) ? (raw.value ?? raw.query) : raw;
  const caseInsensitive = isObject(raw) && raw.case_insensitive === true;
  const wanted = typeof value === 'string' ? value : JSON.stringify(value);
  const analyzed = isAnalyzed(field);
  return (doc) => {
    const values = fieldValues(doc.source, field);
    return caseInsensitive
      ? test(
          values.map((v) => v.toLowerCase()),
          wanted.toLowerCase(),
          analyzed,
        )
      : test(values, wanted, analyzed);
  };
}

function termsQuery(spec: unknown): Predicate {
  const [field, raw] = singleField(spec);
  if (!Array.isArray(raw)) {
    throw new HttpError('badJson', { detail: `[terms] query on [${field}] needs an array` });
  }
  const wanted = raw.map((value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)));
  const analyzed = isAnalyzed(field);
  return (doc) => {
    const values = fieldValues(doc.source, field);
    const haystack = analyzed ? tokensOf(values) : values;
    return wanted.some((value) => haystack.includes(value));
  };
}

function idsQuery(spec: unknown): Predicate {
  const values = isObject(spec) && Array.isArray(spec.values) ? spec.values.map(String) : undefined;
  if (values === undefined) {
    throw new HttpError('badJson', { detail: '[ids] query needs a values array' });
  }
  return (doc) => values.includes(doc.id);
}

function existsQuery(spec: unknown): Predicate {
  const field = isObject(spec) && typeof spec.field === 'string' ? spec.field : undefined;
  if (field === undefined) {
    throw new HttpError('badJson', { detail: '[exists] query needs a field' });
  }
  return (doc) => fieldValues(doc.source, field).length > 0;
}

function boolQuery(spec: unknown): Predicate {
  if (!isObject(spec)) {
    throw new HttpError('badJson', { detail: '[bool] query must be an object' });
  }
  const clauses = (key: string): Predicate[] => {
    const raw = spec[key];
    if (raw === undefined) {
      return [];
    }
    return (Array.isArray(raw) ? raw : [raw]).map((clause: unknown) => compileQuery(clause));
  };
  const must = [...clauses('must'), ...clauses('filter')];
  const should = clauses('should');
  const mustNot = clauses('must_not');
  // OpenSearch: with no must/filter, at least one should clause has to match; otherwise should is optional.
  const minimumShould = Number(spec.minimum_should_match ?? (must.length === 0 && should.length > 0 ? 1 : 0));
  return (doc) =>
    must.every((p) => p(doc)) && !mustNot.some((p) => p(doc)) && should.filter((p) => p(doc)).length >= minimumShould;
}

function singleField(spec: unknown): [string, unknown] {
  if (!isObject(spec)) {
    throw new HttpError('badJson', { detail: 'field query must be an object' });
  }
  const entries = Object.entries(spec).filter(([key]) => key !== 'boost' && key !== '_name');
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) {
    throw new HttpError('badJson', { detail: 'field query must name exactly one field' });
  }
  return entry;
}
