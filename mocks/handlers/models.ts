import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SimContext } from '../context.ts';
import { queryFlag, readJsonObject, type JsonObject } from '../http/body.ts';
import { HttpError, type OpenSearchErrorBody } from '../http/errors.ts';
import { route } from '../http/route.ts';
import { chunkSearchDocs } from '../search/chunk-docs.ts';
import { executeSearch, type SearchResponseBody } from '../search/response.ts';
import { MODEL_INDEX } from '../state/store.ts';
import type { ModelDoc, ModelState } from '../state/types.ts';
import { deleteModel } from '../workflows/records.ts';
import { parseRegisterInput } from '../workflows/register-input.ts';
import { beginRegister } from '../workflows/register.ts';
import { deleteResponse, type DeleteResponseBody } from './delete-response.ts';

interface RegisterModelBody {
  name?: string;
  version?: string;
  description?: string;
  model_group_id?: string;
  function_name?: string;
  model_format?: string;
  url?: string;
  model_content_hash_value?: string;
  model_config?: JsonObject;
}

interface RegisterModelResponse {
  task_id: string;
  status: 'CREATED';
}

type ModelParams = { modelId: string };

/** `DeleteModelTransportAction` refuses these states (the legacy LOADED/LOADING names never occur here). */
const UNDELETABLE: readonly ModelState[] = ['DEPLOYED', 'DEPLOYING', 'PARTIALLY_DEPLOYED'];

export function modelHandlers(ctx: SimContext): HttpHandler[] {
  const base = `${ctx.baseUrl}/_plugins/_ml/models`;

  // Chunk documents share the model index, and a model search returns them too (observed on 2.19.6 and 3.6.0);
  // callers that want models only exclude `chunk_number`, as the harness does.
  const search = route<never, JsonObject, SearchResponseBody>(ctx, 'model', async ({ request }) => {
    const body = await readJsonObject(request);
    // ML Commons' model search asks for `_version` and `_seq_no` of every hit (observed on 2.19.6 and 3.6.0).
    const seqNo = ctx.store.latestSeqNo(MODEL_INDEX);
    const docs = [...ctx.store.models.values()].flatMap((model) => [
      { id: model.id, source: { ...model.doc }, versioning: { version: model.version, seqNo } },
      ...chunkSearchDocs(model).map((doc) => ({ ...doc, versioning: { version: 1, seqNo } })),
    ]);
    docs.push(...[...ctx.store.staleChunks.values()].map((doc) => ({ ...doc, versioning: { version: 1, seqNo } })));
    return HttpResponse.json(executeSearch(MODEL_INDEX, docs, body));
  });

  return [
    http.post<never, RegisterModelBody, RegisterModelResponse | OpenSearchErrorBody>(
      `${base}/_register`,
      route(ctx, 'register', async ({ request, url }) => {
        const input = parseRegisterInput(await readJsonObject(request), ctx.profile);
        const task = beginRegister(ctx, input, queryFlag(url, 'deploy'));
        return HttpResponse.json({ task_id: task.id, status: 'CREATED' as const });
      }),
    ),
    http.post<never, JsonObject, SearchResponseBody | OpenSearchErrorBody>(`${base}/_search`, search),
    http.get<never, JsonObject, SearchResponseBody | OpenSearchErrorBody>(`${base}/_search`, search),
    http.get<ModelParams, never, ModelDoc | OpenSearchErrorBody>(
      `${base}/:modelId`,
      route(ctx, 'model', ({ params }) => {
        const model = ctx.store.models.get(params.modelId);
        if (model === undefined) {
          // Before the first register the model index does not exist, and the GET fails on that instead.
          throw new HttpError(ctx.store.indexExists(MODEL_INDEX) ? 'modelNotFound' : 'modelIndexMissing', {
            id: params.modelId,
          });
        }
        return Promise.resolve(HttpResponse.json(structuredClone(model.doc)));
      }),
    ),
    http.delete<ModelParams, never, DeleteResponseBody | OpenSearchErrorBody>(
      `${base}/:modelId`,
      route(ctx, 'delete', ({ params }) => {
        const model = ctx.store.models.get(params.modelId);
        if (model === undefined) {
          throw new HttpError('modelNotFoundForDelete', { id: params.modelId });
        }
        if (UNDELETABLE.includes(model.doc.model_state)) {
          throw new HttpError('deleteDeployedModel', { id: model.id });
        }
        return Promise.resolve(HttpResponse.json(deleteResponse(MODEL_INDEX, model.id, deleteModel(ctx, model))));
      }),
    ),
  ];
}
