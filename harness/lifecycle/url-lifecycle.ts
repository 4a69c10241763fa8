/**
 * The register-by-URL phase of the lifecycle driver: ML Commons downloads the zip in a register task. It shares the
 * driver's names, current group, ledger, waits and timings through hooks, as the upload phase does
 * (upload-lifecycle.ts), so `lifecycle.registerModel()` only hands over to it.
 */
import type { MlClient } from '../ml/client.ts';
import { MlHttpError } from '../ml/errors.ts';
import type { RegisterModelRequest } from '../ml/request-types.ts';
import type { Task } from '../ml/schemas.ts';
import { modelEntry, pendingRegistrationEntry, type EntryContext } from './lifecycle-ledger-entries.ts';
import type { LifecycleRegisterRequest, RegisteredModel } from './lifecycle-types.ts';
import { taskServerMs, type PhaseTimer } from './phase-timer.ts';
import { leftoverModelIds } from './registration-leftovers.ts';
import type { ResourceLedger } from './resource-ledger.ts';

export interface UrlHooks {
  readonly client: Pick<MlClient, 'registerModel' | 'searchModels'>;
  readonly ledger: ResourceLedger;
  readonly timer: PhaseTimer;
  /** How the ledger entries release what the registration made. */
  readonly entries: EntryContext;
  /** Budget of the register task, and of a pending registration's release. */
  readonly registerMs: number;
  nameFor(purpose: string): string;
  /** The group the driver registered last, used when the request names none. */
  groupId(): string | undefined;
  /**
   * Waits for a task of this kind (the driver learns how long each kind takes); `sentAt` is when the request that
   * created it was sent, from which the task's time on the server counts.
   */
  waitForTask(taskId: string, kind: string, timeoutMs: number, sentAt: number): Promise<Task>;
  /** The driver's clock. */
  now(): number;
  /** Whether the driver's signal fired: then the pending entry stays for the ledger to release. */
  aborted(): boolean;
  request(): { signal?: AbortSignal };
}

export class UrlLifecycle {
  readonly #hooks: UrlHooks;
  /** model id → what its register sent as the artifact (hash, else URL): the kind of its deploy task. */
  readonly #artifactOf = new Map<string, string>();

  constructor(hooks: UrlHooks) {
    this.#hooks = hooks;
  }

  /** The artifact a model was registered from, naming the kind of its tasks; undefined for uploaded models. */
  artifactOf(modelId: string): string | undefined {
    return this.#artifactOf.get(modelId);
  }

  /**
   * Registers and waits for the task. The registration is tracked by name before the request is sent — if the run is
   * interrupted with the request or its task in flight, the release finds the model by name (and task) —, and as the
   * model once the task names it; also when the task fails or times out.
   */
  async registerModel(request: LifecycleRegisterRequest): Promise<RegisteredModel> {
    const hooks = this.#hooks;
    const name = request.name ?? hooks.nameFor('model');
    const groupId = request.model_group_id ?? hooks.groupId();
    const { artifact: _local, ...wire } = request;
    const body: RegisterModelRequest = {
      ...wire,
      name,
      ...(groupId === undefined ? {} : { model_group_id: groupId }),
    };
    return hooks.timer.time(
      'register-model',
      name,
      async () => {
        const autoGroup = groupId === undefined;
        let accepted = false;
        let taskId: string | undefined;
        const pending = hooks.ledger.track(
          pendingRegistrationEntry(hooks.entries, {
            name,
            taskId: () => taskId,
            autoGroup,
            budgetMs: hooks.registerMs,
          }),
        );
        try {
          const sentAt = hooks.now();
          ({ task_id: taskId } = await hooks.client.registerModel(body, hooks.request()));
          accepted = true;
          // Tasks of one artifact take alike: its hash (or URL) names the kind whose durations the waits learn.
          const artifact = body.model_content_hash_value ?? body.url ?? 'model';
          const task = await hooks.waitForTask(taskId, `register ${artifact}`, hooks.registerMs, sentAt);
          if (task.model_id === undefined) {
            throw new Error(`register task ${taskId} completed without a model_id`);
          }
          hooks.ledger.replace(pending, modelEntry(hooks.entries, task.model_id, name, autoGroup));
          this.#artifactOf.set(task.model_id, artifact);
          return { via: 'url' as const, modelId: task.model_id, taskId, task, name };
        } catch (error) {
          if (hooks.aborted()) {
            throw error; // the pending entry finds whatever the request made, when the ledger is released
          }
          // A refused request (4xx/5xx answer to the POST) created nothing; anything later may have left a model.
          const leftovers =
            accepted || !(error instanceof MlHttpError) ? await leftoverModelIds(hooks.client, name, error) : [];
          hooks.ledger.untrack(pending.id, 'model');
          for (const id of leftovers) {
            hooks.ledger.track(modelEntry(hooks.entries, id, name, autoGroup));
          }
          throw error;
        }
      },
      (result) => taskServerMs(result.task),
    );
  }
}
