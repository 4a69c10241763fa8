/**
 * Waits for an ML task (register, deploy) to finish. Returns the task on COMPLETED; throws TaskFailedError as soon as
 * the task reaches a terminal failure, TaskTimeoutError (with the history of states) at the deadline.
 */
import type { Clock } from './clock.ts';
import type { TaskApi } from './task-api.ts';
import { pollUntil, type Observation, type PollOptions, type Verdict } from './poll-loop.ts';
import type { Task, TaskState } from './schemas.ts';
import { TaskFailedError, TaskTimeoutError } from './wait-errors.ts';

export interface WaitForTaskOptions extends Omit<PollOptions, 'clock'> {
  readonly clock?: Clock;
  /** Called whenever the observed state changes (the first observation included). */
  readonly onState?: (state: TaskState, task: Task, observation: Observation) => void;
}

const FAILED_STATES: ReadonlySet<TaskState> = new Set(['FAILED', 'COMPLETED_WITH_ERROR', 'CANCELLED', 'EXPIRED']);

function taskVerdict(state: TaskState): Verdict {
  if (state === 'COMPLETED') {
    return 'done';
  }
  return FAILED_STATES.has(state) ? 'failed' : 'pending';
}

export async function waitForTask(
  client: Pick<TaskApi, 'getTask'>,
  taskId: string,
  options: WaitForTaskOptions,
): Promise<Task> {
  const { onState } = options;
  const outcome = await pollUntil<Task>(
    {
      fetch: (timeoutMs, signal) =>
        client.getTask(taskId, signal === undefined ? { timeoutMs } : { timeoutMs, signal }),
      stateOf: (task) => task.state,
      classify: (task) => taskVerdict(task.state),
      ...(onState === undefined
        ? {}
        : { onChange: (task: Task, observation: Observation) => onState(task.state, task, observation) }),
    },
    options,
  );
  switch (outcome.kind) {
    case 'done':
      return outcome.value;
    case 'failed':
      throw new TaskFailedError(taskId, outcome.value, outcome.history);
    case 'timeout':
      throw new TaskTimeoutError(taskId, options.timeoutMs, outcome.history, outcome.last);
  }
}
