import { http, HttpResponse, type HttpHandler } from 'msw';
import { ML_SETTINGS, type SimContext } from '../context.ts';
import { isObject, readJsonObject, type JsonObject } from '../http/body.ts';
import { HttpError, type OpenSearchErrorBody } from '../http/errors.ts';
import { route } from '../http/route.ts';
import { startDeploy, undeploy, type UndeployResult } from '../workflows/deploy.ts';

interface DeployResponse {
  task_id: string;
  task_type: 'DEPLOY_MODEL';
  status: 'CREATED';
}

/** `{"<nodeId>":{"stats":{"<modelId>":"undeployed"|"not_found"}}}` */
type UndeployResponse = Record<string, { stats: Record<string, UndeployResult> }>;

type ModelParams = { modelId: string };

export function deploymentHandlers(ctx: SimContext): HttpHandler[] {
  const base = `${ctx.baseUrl}/_plugins/_ml/models`;

  const undeployMany = (modelIds: readonly string[]): UndeployResponse => {
    const stats: Record<string, UndeployResult> = {};
    for (const id of modelIds) {
      stats[id] = undeploy(ctx, ctx.store.models.get(id));
    }
    return { [ctx.node.id]: { stats } };
  };

  return [
    http.post<ModelParams, JsonObject, DeployResponse | OpenSearchErrorBody>(
      `${base}/:modelId/_deploy`,
      route(ctx, 'deploy', ({ params }) => {
        const model = ctx.store.models.get(params.modelId);
        if (model === undefined) {
          throw new HttpError('modelNotFoundForDeploy', { id: params.modelId });
        }
        if (ctx.settings.getBoolean(ML_SETTINGS.onlyRunOnMlNode)) {
          throw new HttpError('noEligibleNodeDeploy');
        }
        // An uploaded model is deployable in any state: the deploy task reads its chunks and fails there if they
        // are incomplete (observed on 2.19.6 and 3.6.0, deploy right after _register_meta).
        const uploaded = model.chunks !== undefined;
        if (!uploaded && (model.doc.model_state === 'REGISTERING' || model.artifact === undefined)) {
          throw new HttpError('modelNotRegisteredForDeploy', { id: model.id, state: model.doc.model_state });
        }
        const task = startDeploy(ctx, model);
        return Promise.resolve(
          HttpResponse.json({ task_id: task.id, task_type: 'DEPLOY_MODEL' as const, status: 'CREATED' as const }),
        );
      }),
    ),
    http.post<ModelParams, JsonObject, UndeployResponse | OpenSearchErrorBody>(
      `${base}/:modelId/_undeploy`,
      route(ctx, 'undeploy', ({ params }) => Promise.resolve(HttpResponse.json(undeployMany([params.modelId])))),
    ),
    http.post<never, JsonObject, UndeployResponse | OpenSearchErrorBody>(
      `${base}/_undeploy`,
      route(ctx, 'undeploy', async ({ request }) => {
        const body = await readJsonObject(request);
        const ids = Array.isArray(body.model_ids) ? body.model_ids.map(String) : [...ctx.store.models.keys()];
        if (isObject(body.node_ids) || (Array.isArray(body.node_ids) && !body.node_ids.includes(ctx.node.id))) {
          return HttpResponse.json({});
        }
        return HttpResponse.json(undeployMany(ids));
      }),
    ),
  ];
}
