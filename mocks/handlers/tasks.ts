import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SimContext } from '../context.ts';
import { HttpError, type OpenSearchErrorBody } from '../http/errors.ts';
import { route } from '../http/route.ts';
import type { TaskDoc } from '../state/types.ts';

type TaskParams = { taskId: string };

/** `GET /_plugins/_ml/tasks/{id}`: the stored task doc, which (as on a real cluster) carries no `task_id`. */
export function taskHandlers(ctx: SimContext): HttpHandler[] {
  return [
    http.get<TaskParams, never, TaskDoc | OpenSearchErrorBody>(
      `${ctx.baseUrl}/_plugins/_ml/tasks/:taskId`,
      route(ctx, 'task', ({ params }) => {
        const task = ctx.store.tasks.get(params.taskId);
        if (task === undefined) {
          throw new HttpError('taskNotFound', { id: params.taskId });
        }
        return Promise.resolve(HttpResponse.json(structuredClone(task.doc)));
      }),
    ),
  ];
}
