/**
 * Errors of the waiting helpers. Both carry the full history of states seen, because "timed out after 300 s" alone
 * does not tell a stuck CREATED task (no eligible node, dispatcher queue) from a slow RUNNING deploy.
 */
import { MlError } from './errors.ts';
import { summarizeHistory, type Observation } from './poll-loop.ts';
import type { Model, Task } from './schemas.ts';
import { preview, truncate } from './text.ts';

export interface ParsedTaskError {
  /** Human-readable text: the raw error, or `node: cause; node: cause` for per-node JSON errors. */
  readonly text: string;
  /** Deploy tasks report `{"<nodeId>":"<root cause>"}` as a JSON string; parsed here when it is one. */
  readonly nodeErrors: Readonly<Record<string, string>> | undefined;
}

export function parseTaskError(error: string | undefined): ParsedTaskError {
  if (error === undefined || error === '') {
    return { text: '(no error text)', nodeErrors: undefined };
  }
  try {
    const parsed: unknown = JSON.parse(error);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const entries = Object.entries(parsed).map(([node, cause]) => [
        node,
        typeof cause === 'string' ? cause : preview(cause, 500),
      ]);
      if (entries.length > 0) {
        const nodeErrors = Object.fromEntries(entries) as Record<string, string>;
        return { text: entries.map(([node, cause]) => `${node}: ${cause}`).join('; '), nodeErrors };
      }
    }
  } catch {
    // Plain text, e.g. "model content changed".
  }
  return { text: error, nodeErrors: undefined };
}

// The polls' paths, as the task and model APIs send them (the reports name the request a wait failed on).
const taskPath = (taskId: string): string => `/_plugins/_ml/tasks/${encodeURIComponent(taskId)}`;
const modelPath = (modelId: string): string => `/_plugins/_ml/models/${encodeURIComponent(modelId)}`;

/** The task ended FAILED, COMPLETED_WITH_ERROR, CANCELLED or EXPIRED. */
export class TaskFailedError extends MlError {
  override name = 'TaskFailedError';
  readonly taskId: string;
  readonly state: Task['state'];
  readonly task: Task;
  /** Server error text (per-node JSON flattened to `node: cause`). */
  readonly reason: string;
  readonly nodeErrors: Readonly<Record<string, string>> | undefined;
  readonly history: readonly Observation[];

  constructor(taskId: string, task: Task, history: readonly Observation[]) {
    const parsed = parseTaskError(task.error);
    const type = task.task_type === undefined ? '' : ` (${task.task_type})`;
    super('task-failed', `task ${taskId}${type} ended ${task.state}: ${truncate(parsed.text, 1000)}`, {
      request: { method: 'GET', path: taskPath(taskId), status: 200 },
    });
    this.taskId = taskId;
    this.state = task.state;
    this.task = task;
    this.reason = parsed.text;
    this.nodeErrors = parsed.nodeErrors;
    this.history = history;
  }
}

/** The deadline passed before the awaited state was reached. */
class WaitTimeoutError extends MlError {
  override name = 'WaitTimeoutError';
  readonly timeoutMs: number;
  readonly history: readonly Observation[];
  readonly last: unknown;

  constructor(subject: string, path: string, timeoutMs: number, history: readonly Observation[], last: unknown) {
    super(
      'wait-timeout',
      `${subject}: not done after ${timeoutMs} ms; states seen: ${summarizeHistory(history)}; last body: ${preview(last, 600)}`,
      { request: { method: 'GET', path } },
    );
    this.timeoutMs = timeoutMs;
    this.history = history;
    this.last = last;
  }
}

export class TaskTimeoutError extends WaitTimeoutError {
  override name = 'TaskTimeoutError';
  readonly taskId: string;
  declare readonly last: Task | undefined;

  constructor(taskId: string, timeoutMs: number, history: readonly Observation[], last: Task | undefined) {
    super(`task ${taskId}`, taskPath(taskId), timeoutMs, history, last);
    this.taskId = taskId;
  }
}

export class ModelStateTimeoutError extends WaitTimeoutError {
  override name = 'ModelStateTimeoutError';
  readonly modelId: string;
  readonly wanted: readonly string[];
  declare readonly last: Model | undefined;

  constructor(
    modelId: string,
    wanted: readonly string[],
    timeoutMs: number,
    history: readonly Observation[],
    last: Model | undefined,
  ) {
    super(`model ${modelId} (waiting for ${wanted.join('|')})`, modelPath(modelId), timeoutMs, history, last);
    this.modelId = modelId;
    this.wanted = wanted;
  }
}

/** The model reached one of the `failOn` states (e.g. DEPLOY_FAILED). */
export class ModelStateFailedError extends MlError {
  override name = 'ModelStateFailedError';
  readonly modelId: string;
  readonly state: string;
  readonly model: Model;
  readonly history: readonly Observation[];

  constructor(modelId: string, model: Model, history: readonly Observation[]) {
    super(
      'model-state-failed',
      `model ${modelId} reached ${model.model_state ?? '(no state)'}; states seen: ${summarizeHistory(history)}`,
      { request: { method: 'GET', path: modelPath(modelId), status: 200 } },
    );
    this.modelId = modelId;
    this.state = model.model_state ?? '(no state)';
    this.model = model;
    this.history = history;
  }
}
