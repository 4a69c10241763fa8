/** Flattens an OpenSearch search response into `{ total, hits: [{ id, source }] }`. */
import type { SearchHit } from './schemas.ts';

export interface SearchResult<Hit> {
  /** `hits.total.value` when the server reported it. */
  readonly total: number | undefined;
  readonly hits: readonly Hit[];
}

interface RawSearchResponse<Source> {
  readonly hits: {
    readonly total?: number | { readonly value: number } | undefined;
    readonly hits: readonly { readonly _id: string; readonly _source: Source }[];
  };
}

export function toSearchResult<Source>(body: RawSearchResponse<Source> | undefined): SearchResult<SearchHit<Source>> {
  if (body === undefined) {
    return { total: 0, hits: [] };
  }
  const total = body.hits.total;
  return {
    total: typeof total === 'number' ? total : total?.value,
    hits: body.hits.hits.map((hit) => ({ id: hit._id, source: hit._source })),
  };
}
