/** `GET /_plugins/_ml/tasks/{task_id}`; polling lives in wait-for-task.ts. */
import { call, seg } from './call.ts';
import { taskSchema, type Task } from './schemas.ts';
import type { MlTransport, RequestOptions } from './transport.ts';

export interface TaskApi {
  getTask(taskId: string, options?: RequestOptions): Promise<Task>;
}

export function taskApi(transport: MlTransport): TaskApi {
  return {
    getTask(taskId, options) {
      const path = `/_plugins/_ml/tasks/${seg(taskId)}`;
      return call(
        transport,
        { method: 'GET', path, endpoint: 'GET /_plugins/_ml/tasks/{task_id}' },
        taskSchema,
        options,
      );
    },
  };
}
