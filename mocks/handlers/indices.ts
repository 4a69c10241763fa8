import { http, HttpResponse, type HttpHandler, type JsonBodyType, type PathParams } from 'msw';
import type { SimContext } from '../context.ts';
import { queryFlag, readJsonObject } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { route, type RouteInfo } from '../http/route.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import { executeBulk, parseBulk } from '../neural/bulk.ts';
import { matchesPattern } from '../neural/index-store.ts';
import { isSourceObject, pipelineFor, runPipeline, storeDocument } from '../neural/ingest.ts';
import { knnSearch } from '../neural/knn-search.ts';
import { parseCreateIndex } from '../neural/mapping.ts';
import type { IndexRecord } from '../neural/types.ts';
import { writeResult } from '../neural/write-result.ts';

type IndexParams = { index: string };
type DocParams = { index: string; id: string };
type Resolver<P extends PathParams> = (info: RouteInfo<P>) => Promise<HttpResponse<JsonBodyType>>;

/**
 * User indices as k-NN and neural-search use them: create/delete/mapping, single and `_bulk` writes through ingest
 * pipelines, GET of a document, `_count`, `_search` with a neural or knn clause, and `_cat/indices`. Registered after
 * every other handler: `/:index` would otherwise swallow `/_plugins/…`, so names starting with `_` fall through.
 */
export function indexHandlers(ctx: SimContext): HttpHandler[] {
  const base = ctx.baseUrl;
  const indices = ctx.store.neural.indices;
  const existing = (name: string, key: 'indexNotFound' | 'indexNotFoundForDoc' = 'indexNotFound'): IndexRecord => {
    const index = indices.get(name);
    if (index === undefined) {
      throw new HttpError(key, { index: name });
    }
    return index;
  };
  /** MSW passes a request on when the resolver returns undefined: system paths are not indices. */
  const userIndex = <P extends IndexParams>(resolver: Resolver<P>) => {
    const routed = route<P, JsonBodyType, JsonBodyType>(ctx, 'neural', resolver);
    return (info: Parameters<typeof routed>[0]) => (info.params.index.startsWith('_') ? undefined : routed(info));
  };

  return [
    http.get(
      `${base}/_cat/indices/:pattern`,
      route<{ pattern: string }, JsonBodyType, JsonBodyType>(ctx, 'neural', ({ params, url }) => {
        const sort = url.searchParams.get('s');
        if (
          url.searchParams.get('format') !== 'json' ||
          url.searchParams.get('h') !== 'index' ||
          (sort ?? 'index') !== 'index'
        ) {
          throw new SimulatorUnsupportedError('_cat/indices other than ?format=json&h=index[&s=index]');
        }
        // Without `s` a real node lists in cluster-state order (which differs between versions); creation order here.
        const names = [...indices.keys()].filter((name) => matchesPattern(params.pattern, name));
        if (sort === 'index') {
          names.sort();
        }
        if (names.length === 0 && !params.pattern.includes('*')) {
          // A concrete name must exist (recorded on 2.19.6 and 3.6.0); only wildcards may match nothing.
          throw new HttpError('indexNotFound', { index: params.pattern });
        }
        return Promise.resolve(HttpResponse.json(names.map((index) => ({ index }))));
      }),
    ),
    http.get(
      `${base}/_cat/plugins`,
      route<never, JsonBodyType, JsonBodyType>(ctx, 'neural', ({ url }) => {
        if (url.searchParams.get('format') !== 'json') {
          throw new SimulatorUnsupportedError('_cat/plugins other than ?format=json');
        }
        const version = `${ctx.profile.version.number}.0`;
        const plugins = ['opensearch-job-scheduler', 'opensearch-knn', 'opensearch-ml', 'opensearch-neural-search'];
        return Promise.resolve(
          HttpResponse.json(plugins.map((component) => ({ name: ctx.node.name, component, version }))),
        );
      }),
    ),
    http.post(
      `${base}/_bulk`,
      route<never, JsonBodyType, JsonBodyType>(ctx, 'neural', async ({ request, url }) => {
        const actions = parseBulk(await request.text(), undefined);
        const options = { refresh: queryFlag(url, 'refresh'), pipeline: url.searchParams.get('pipeline') };
        return HttpResponse.json(await executeBulk(ctx, actions, options));
      }),
    ),
    http.put(
      `${base}/:index`,
      userIndex<IndexParams>(async ({ params, request }) => {
        const body = await readJsonObject(request);
        const clash = indices.get(params.index);
        if (clash !== undefined) {
          throw new HttpError('indexAlreadyExists', { index: params.index, uuid: clash.uuid });
        }
        indices.set(params.index, parseCreateIndex(params.index, body));
        return HttpResponse.json({ acknowledged: true, shards_acknowledged: true, index: params.index });
      }),
    ),
    http.delete(
      `${base}/:index`,
      userIndex<IndexParams>(({ params }) => {
        existing(params.index);
        indices.delete(params.index);
        return Promise.resolve(HttpResponse.json({ acknowledged: true }));
      }),
    ),
    http.get(
      `${base}/:index/_mapping`,
      userIndex<IndexParams>(({ params }) => {
        const index = existing(params.index);
        return Promise.resolve(
          HttpResponse.json({ [index.name]: { mappings: { properties: structuredClone(index.properties) } } }),
        );
      }),
    ),
    http.get(
      `${base}/:index/_count`,
      userIndex<IndexParams>(({ params }) => {
        const index = existing(params.index);
        const shards = { total: 1, successful: 1, skipped: 0, failed: 0 };
        return Promise.resolve(HttpResponse.json({ count: index.docs.size, _shards: shards }));
      }),
    ),
    http.post(
      `${base}/:index/_search`,
      userIndex<IndexParams>(async ({ params, request }) => {
        const index = existing(params.index);
        return HttpResponse.json(await knnSearch(ctx, index, await readJsonObject(request)));
      }),
    ),
    http.put(
      `${base}/:index/_doc/:id`,
      userIndex<DocParams>(async ({ params, request, url }) => {
        const index = indices.get(params.index);
        if (index === undefined) {
          throw new SimulatorUnsupportedError(
            `a write into missing index [${params.index}] (automatic index creation)`,
          );
        }
        const body = await readJsonObject(request);
        const pipeline = pipelineFor(ctx, index, url.searchParams.get('pipeline'));
        const source = pipeline === undefined ? body : await runPipeline(ctx, pipeline, body);
        const { status, ...result } = writeResult(
          index,
          storeDocument(ctx, index, params.id, source),
          queryFlag(url, 'refresh'),
        );
        return HttpResponse.json(result, { status });
      }),
    ),
    http.get(
      `${base}/:index/_doc/:id`,
      userIndex<DocParams>(({ params }) => {
        const index = existing(params.index, 'indexNotFoundForDoc');
        const doc = index.docs.get(params.id);
        if (doc === undefined) {
          return Promise.resolve(
            HttpResponse.json({ _index: index.name, _id: params.id, found: false }, { status: 404 }),
          );
        }
        const source = structuredClone(doc.source);
        return Promise.resolve(
          HttpResponse.json({
            _index: index.name,
            _id: params.id,
            _version: doc.version,
            _seq_no: doc.seqNo,
            _primary_term: 1,
            found: true,
            _source: isSourceObject(source) ? source : {},
          }),
        );
      }),
    ),
  ];
}
