/**
 * The lifecycle driver: each phase of register group → register model → deploy → predict → undeploy → delete, timed,
 * with everything it creates tracked in the ledger at the moment the server accepts it. Suites call the phases one
 * by one to assert in between, or `run()` for the whole path. Releasing is the ledger owner's job (afterAll), so a
 * phase that throws leaves the resources tracked rather than half-cleaned. Registration is delegated to its two paths
 * (url-lifecycle.ts, upload-lifecycle.ts); what each ledger entry's release does is in lifecycle-ledger-entries.ts.
 */
import { systemClock, type Clock } from '../ml/clock.ts';
import type { PredictOptions } from '../ml/predict-api.ts';
import type { PredictResponse } from '../ml/predict-schema.ts';
import type { PredictRequest } from '../ml/request-types.ts';
import type { Model, Task, UndeployModelResponse } from '../ml/schemas.ts';
import { expectedTaskDuration, recordTaskDuration, serverDurationMs } from '../ml/task-durations.ts';
import { waitForTask } from '../ml/wait-for-task.ts';
import type { RegistrationPath } from '../targets/target-info.ts';
import { waitUntilServing } from './deploy-race.ts';
import { deploymentEntry, modelEntry, modelGroupEntry, type EntryContext } from './lifecycle-ledger-entries.ts';
import {
  DEFAULT_LIFECYCLE_TIMEOUTS,
  type LifecycleClient,
  type LifecycleRegisterRequest,
  type LifecycleRunInput,
  type LifecycleRunResult,
  type LifecycleTimeouts,
  type LifecycleWait,
  type ModelLifecycleOptions,
  type PollingSchedule,
  type RegisteredModel,
} from './lifecycle-types.ts';
import { PhaseTimer, taskServerMs, type PhaseTiming } from './phase-timer.ts';
import type { ResourceLedger } from './resource-ledger.ts';
import { resourceName } from './resource-naming.ts';
import { UploadLifecycle, type UploadedModel } from './upload-lifecycle.ts';
import { UrlLifecycle } from './url-lifecycle.ts';
import { waitUndeployed } from './wait-undeployed.ts';

export class ModelLifecycle {
  readonly #client: LifecycleClient;
  readonly #ledger: ResourceLedger;
  readonly #runId: string;
  readonly #scope: string;
  readonly #timeouts: LifecycleTimeouts;
  readonly #clock: Clock;
  readonly #signal: ModelLifecycleOptions['signal'];
  readonly #polling: PollingSchedule | undefined;
  readonly #deadline: (() => number | undefined) | undefined;
  readonly #registration: RegistrationPath;
  readonly #timer: PhaseTimer;
  readonly #progress: ((line: string) => void) | undefined;
  readonly #entries: EntryContext;
  readonly #url: UrlLifecycle;
  readonly #nameCounts = new Map<string, number>();
  #groupId: string | undefined;

  constructor(options: ModelLifecycleOptions) {
    this.#client = options.client;
    this.#ledger = options.ledger;
    this.#runId = options.runId;
    this.#scope = options.scope;
    this.#timeouts = { ...DEFAULT_LIFECYCLE_TIMEOUTS, ...options.timeouts };
    this.#clock = options.clock ?? systemClock;
    this.#signal = options.signal;
    this.#polling = options.polling;
    this.#deadline = options.deadline;
    this.#registration = options.registration ?? 'url';
    this.#timer = new PhaseTimer(this.#clock);
    this.#progress = options.progress;
    this.#entries = { client: this.#client, clock: this.#clock, undeployMs: this.#timeouts.undeployMs };
    this.#url = new UrlLifecycle({
      client: this.#client,
      ledger: this.#ledger,
      timer: this.#timer,
      entries: this.#entries,
      registerMs: this.#timeouts.registerMs,
      nameFor: (purpose) => this.nameFor(purpose),
      groupId: () => this.#groupId,
      waitForTask: (taskId, kind, timeoutMs, sentAt) => this.#waitForTask(taskId, kind, timeoutMs, sentAt),
      now: () => this.#clock.now(),
      aborted: () => this.#currentSignal()?.aborted === true,
      request: () => this.#req(),
    });
    this.upload = new UploadLifecycle({
      client: this.#client,
      timer: this.#timer,
      clock: this.#clock,
      nameFor: (purpose) => this.nameFor(purpose),
      groupId: () => this.#groupId,
      trackModel: (modelId, name, autoGroup, afterRelease) => {
        this.#ledger.track(modelEntry(this.#entries, modelId, name, autoGroup, afterRelease));
      },
      request: () => this.#req(),
      registerWait: () => this.#wait(this.#timeouts.registerMs),
      chunkCleanupMs: this.#timeouts.chunkCleanupMs,
      ...(options.progress === undefined ? {} : { progress: options.progress }),
    });
  }

  /** The chunked-upload phases (upload-lifecycle.ts), sharing this driver's names, ledger, group and timings. */
  readonly upload: UploadLifecycle;

  /** A fresh run-scoped name: `group`, then `group-2`, … so repeated phases never collide on duplicate names. */
  nameFor(purpose: string): string {
    const count = (this.#nameCounts.get(purpose) ?? 0) + 1;
    this.#nameCounts.set(purpose, count);
    return resourceName(this.#runId, this.#scope, count === 1 ? purpose : `${purpose}-${count}`);
  }

  async registerGroup(name = this.nameFor('group'), description?: string): Promise<{ groupId: string; name: string }> {
    const response = await this.#timer.time('register-group', name, () =>
      this.#client.registerModelGroup(description === undefined ? { name } : { name, description }, this.#req()),
    );
    const groupId = response.model_group_id;
    this.#ledger.track(modelGroupEntry(this.#entries, groupId, name));
    this.#groupId = groupId;
    return { groupId, name };
  }

  /** Registers by URL and waits for the register task (url-lifecycle.ts). */
  registerModel(request: LifecycleRegisterRequest): Promise<RegisteredModel> {
    return this.#url.registerModel(request);
  }

  /** Registers the way this target was set up for (`registration`): by URL or by chunked upload. */
  register(request: LifecycleRegisterRequest): Promise<RegisteredModel | UploadedModel> {
    return this.#registration === 'upload' ? this.upload.registerModel(request) : this.registerModel(request);
  }

  /**
   * Deploys and waits until the model serves. The deployment is tracked before the request is sent, so a deploy in
   * flight or stuck is still undone. A COMPLETED task is not the end: the model is ready once the profile shows it on
   * its worker nodes, within the same deadline (deploy-race.ts); a model that goes DEPLOY_FAILED or never becomes
   * routable fails with the ML Commons race named, never retried.
   */
  async deploy(modelId: string): Promise<{ taskId: string; task: Task }> {
    return this.#timer.time(
      'deploy',
      modelId,
      async () => {
        const deadline = this.#clock.now() + this.#timeouts.deployMs;
        this.#ledger.track(deploymentEntry(this.#entries, modelId));
        const sentAt = this.#clock.now();
        const { task_id: taskId } = await this.#client.deployModel(modelId, this.#req());
        const task = await this.#waitForTask(
          taskId,
          `deploy ${this.#url.artifactOf(modelId) ?? 'model'}`,
          this.#timeouts.deployMs,
          sentAt,
        );
        const timeoutMs = Math.max(1, deadline - this.#clock.now());
        await waitUntilServing(this.#client, modelId, { taskId, timeoutMs, wait: this.#wait(timeoutMs) });
        return { taskId, task };
      },
      (result) => taskServerMs(result.task),
    );
  }

  predict(modelId: string, request: PredictRequest, options: PredictOptions = {}): Promise<PredictResponse> {
    return this.#timer.time('predict', modelId, () =>
      this.#client.predict(modelId, request, { ...this.#req(), ...options }),
    );
  }

  /** Undeploys and waits for the model document to say UNDEPLOYED (asynchronous before 3.x; wait-undeployed.ts). */
  async undeploy(modelId: string): Promise<{ response: UndeployModelResponse; model: Model }> {
    return this.#timer.time('undeploy', modelId, async () => {
      const response = await this.#client.undeployModel(modelId, this.#req());
      const model = await waitUndeployed(this.#client, modelId, {
        wait: () => this.#wait(this.#timeouts.undeployMs),
        request: () => this.#req(),
        ...(this.#progress === undefined ? {} : { notice: this.#progress }),
      });
      this.#ledger.untrack(modelId, 'deployment');
      return { response, model };
    });
  }

  async deleteModel(modelId: string): Promise<void> {
    await this.#timer.time('delete-model', modelId, async () => {
      await this.#client.deleteModel(modelId, this.#req());
      await this.upload.whenDeleted(modelId);
    });
    this.#ledger.untrack(modelId, 'deployment');
    this.#ledger.untrack(modelId, 'model');
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.#timer.time('delete-group', groupId, () => this.#client.deleteModelGroup(groupId, this.#req()));
    this.#ledger.untrack(groupId, 'model-group');
    if (this.#groupId === groupId) {
      this.#groupId = undefined;
    }
  }

  timings(): readonly PhaseTiming[] {
    return this.#timer.list();
  }

  /** The whole path in order; on failure the error propagates and the ledger still holds what exists. */
  async run(input: LifecycleRunInput): Promise<LifecycleRunResult> {
    const { groupId } = await this.registerGroup(input.groupName);
    const registered = await this.register({ ...input.register, model_group_id: groupId });
    const deployed = await this.deploy(registered.modelId);
    const prediction = await this.predict(registered.modelId, input.predict, {
      route: input.predictRoute ?? 'text_embedding',
    });
    const { model } = await this.undeploy(registered.modelId);
    await this.deleteModel(registered.modelId);
    await this.deleteGroup(groupId);
    return {
      groupId,
      modelId: registered.modelId,
      registerTask: registered.via === 'url' ? registered.task : undefined,
      deployTask: deployed.task,
      prediction,
      undeployedModel: model,
      timings: this.timings(),
    };
  }

  #currentSignal(): AbortSignal | undefined {
    return typeof this.#signal === 'function' ? this.#signal() : this.#signal;
  }

  /**
   * Waits for a task, first looking when tasks of this kind (register or deploy of this artifact) took to finish on
   * the server so far, and remembers how long this one took. That time counts from the task's creation, which comes
   * right after the request is sent: the answer (on 3.6.0 a register's took ~90 ms) is already part of it.
   */
  async #waitForTask(taskId: string, kind: string, timeoutMs: number, sentAt: number): Promise<Task> {
    const expected = expectedTaskDuration(kind);
    const lead = expected === undefined ? 0 : expected - (this.#clock.now() - sentAt);
    const task = await waitForTask(this.#client, taskId, {
      ...this.#wait(timeoutMs),
      ...(lead > 0 ? { firstPollAfterMs: lead } : {}),
    });
    const took = serverDurationMs(task);
    if (took !== undefined) {
      recordTaskDuration(kind, took);
    }
    return task;
  }

  #req(): { signal?: AbortSignal } {
    const signal = this.#currentSignal();
    return signal === undefined ? {} : { signal };
  }

  #wait(timeoutMs: number): LifecycleWait {
    const deadline = this.#deadline?.();
    const budget = deadline === undefined ? timeoutMs : Math.min(timeoutMs, Math.max(0, deadline - this.#clock.now()));
    return { timeoutMs: budget, clock: this.#clock, ...this.#req(), ...this.#polling };
  }
}
