import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SimContext } from '../context.ts';
import type { JsonObject } from '../http/body.ts';
import type { OpenSearchErrorBody } from '../http/errors.ts';
import { route } from '../http/route.ts';
import type { ModelRecord } from '../state/types.ts';
import { predictorLabel } from '../workflows/deploy.ts';

type ModelParams = { modelId: string };

/**
 * `GET /_plugins/_ml/profile/models[/{id}]` lists what the node holds in memory (not the doc state), and
 * `GET /_plugins/_ml/stats` the node and cluster counters. Shapes follow ML Commons' responses [I].
 */
export function observabilityHandlers(ctx: SimContext): HttpHandler[] {
  const ml = `${ctx.baseUrl}/_plugins/_ml`;
  const profileOf = (models: ModelRecord[]): JsonObject => {
    const loaded = models.filter((model) => model.loadedOn.has(ctx.node.id));
    if (loaded.length === 0) {
      return {};
    }
    const entries = Object.fromEntries(
      loaded.map((model) => [
        model.id,
        {
          model_state: model.doc.model_state,
          predictor: predictorLabel(model),
          target_worker_nodes: model.doc.planning_worker_nodes ?? [ctx.node.id],
          worker_nodes: [ctx.node.id],
        },
      ]),
    );
    return { nodes: { [ctx.node.id]: { models: entries } } };
  };

  return [
    http.get<ModelParams, never, JsonObject | OpenSearchErrorBody>(
      `${ml}/profile/models/:modelId`,
      route(ctx, 'model', ({ params }) => {
        const model = ctx.store.models.get(params.modelId);
        return Promise.resolve(HttpResponse.json(profileOf(model === undefined ? [] : [model])));
      }),
    ),
    http.get<never, never, JsonObject | OpenSearchErrorBody>(
      `${ml}/profile/models`,
      route(ctx, 'model', () => Promise.resolve(HttpResponse.json(profileOf([...ctx.store.models.values()])))),
    ),
    http.get<never, never, JsonObject | OpenSearchErrorBody>(
      `${ml}/stats`,
      route(ctx, 'cluster', () => {
        const requests = ctx.store.requests;
        const predicts = requests.filter((entry) => entry.endpoint === 'predict');
        const failures = requests.filter((entry) => entry.outcome === 'dropped' || entry.outcome >= 400);
        const deployed = [...ctx.store.models.values()].filter((model) => model.loadedOn.size > 0).length;
        return Promise.resolve(
          HttpResponse.json({
            nodes: {
              [ctx.node.id]: {
                ml_executing_task_count: 0,
                ml_request_count: requests.length,
                ml_failure_count: failures.length,
                ml_deployed_model_count: deployed,
                ml_circuit_breaker_trigger_count: 0,
                algorithms: { text_embedding: { ml_action_request_count: predicts.length } },
              },
            },
            ml_model_index_status: ctx.store.models.size > 0 ? 'green' : 'non-existent',
            ml_task_index_status: ctx.store.tasks.size > 0 ? 'green' : 'non-existent',
            ml_model_group_index_status: ctx.store.groups.size > 0 ? 'green' : 'non-existent',
            ml_config_index_status: 'non-existent',
            ml_connector_index_status: 'non-existent',
            ml_model_count: ctx.store.models.size,
            ml_connector_count: 0,
          }),
        );
      }),
    ),
  ];
}
