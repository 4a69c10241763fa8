import { http, HttpResponse, type HttpHandler, type JsonBodyType } from 'msw';
import type { SimContext } from '../context.ts';
import { readJsonObject } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { route } from '../http/route.ts';
import { matchesPattern } from '../neural/index-store.ts';
import { parsePipeline } from '../neural/pipelines.ts';

type PipelineParams = { id: string };

/**
 * `_ingest/pipeline/<id>`: PUT stores (`{"acknowledged":true}`), GET by id or wildcard answers `{<id>: body}` and,
 * when nothing matches, a bare `404 {}` (no error envelope: recorded on 2.19.6 and 3.6.0), DELETE of a missing id is
 * a resource_not_found_exception.
 */
export function ingestPipelineHandlers(ctx: SimContext): HttpHandler[] {
  const base = `${ctx.baseUrl}/_ingest/pipeline`;
  const pipelines = ctx.store.neural.pipelines;
  return [
    http.put<PipelineParams, JsonBodyType>(
      `${base}/:id`,
      route<PipelineParams, JsonBodyType, JsonBodyType>(ctx, 'neural', async ({ params, request }) => {
        pipelines.set(params.id, parsePipeline(params.id, await readJsonObject(request)));
        return HttpResponse.json({ acknowledged: true });
      }),
    ),
    http.get<PipelineParams, JsonBodyType>(
      `${base}/:id`,
      route<PipelineParams, JsonBodyType, JsonBodyType>(ctx, 'neural', ({ params }) => {
        const found = [...pipelines.values()].filter((p) => matchesPattern(params.id, p.id));
        const body = Object.fromEntries(found.map((p) => [p.id, structuredClone(p.body)]));
        return Promise.resolve(HttpResponse.json(body, { status: found.length === 0 ? 404 : 200 }));
      }),
    ),
    http.delete<PipelineParams, JsonBodyType>(
      `${base}/:id`,
      route<PipelineParams, JsonBodyType, JsonBodyType>(ctx, 'neural', ({ params }) => {
        if (!pipelines.delete(params.id)) {
          throw new HttpError('pipelineMissing', { id: params.id });
        }
        return Promise.resolve(HttpResponse.json({ acknowledged: true }));
      }),
    ),
  ];
}
