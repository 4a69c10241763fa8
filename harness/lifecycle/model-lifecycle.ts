/**
 * The lifecycle driver: each phase of register group → register model → deploy → predict → undeploy → delete, timed,
 * with everything it creates tracked in the ledger at the moment the server accepts it. Suites call the phases one
 * by one to assert in between, or `run()` for the whole path. Releasing is the ledger owner's job (afterAll), so a
 * phase that throws leaves the resources tracked rather than half-cleaned.
 */
import { systemClock, type Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { isMlHttpError, MlHttpError } from '../ml/errors.ts';
import type { PredictOptions } from '../ml/predict-api.ts';
import type { PredictResponse } from '../ml/predict-schema.ts';
import type { PredictRequest, PredictRoute, RegisterModelRequest } from '../ml/request-types.ts';
import type { Model, Task, UndeployModelResponse } from '../ml/schemas.ts';
import { expectedTaskDuration, recordTaskDuration, serverDurationMs } from '../ml/task-durations.ts';
import { waitForTask } from '../ml/wait-for-task.ts';
import { ModelStateFailedError, ModelStateTimeoutError } from '../ml/wait-errors.ts';
import { waitForServing } from '../upgrade/wait-for-serving.ts';
import { DeployNotServingError } from './deploy-race.ts';
import { releaseModel, undeployIfLoaded } from './model-release.ts';
import { releasePendingRegistration } from './pending-registration.ts';
import { PhaseTimer, taskServerMs, type PhaseTiming } from './phase-timer.ts';
import { leftoverModelIds } from './registration-leftovers.ts';
import { resourceName } from './resource-naming.ts';
import type { ResourceLedger, TrackedResource } from './resource-ledger.ts';
import type { RegistrationPath } from '../targets/target-info.ts';
import { UploadLifecycle, type UploadedModel } from './upload-lifecycle.ts';
import { waitUndeployed } from './wait-undeployed.ts';
import type { UploadArtifact } from './upload-registration.ts';

export type LifecycleClient = Pick<
  MlClient,
  | 'registerModelGroup'
  | 'deleteModelGroup'
  | 'registerModel'
  | 'registerModelMeta'
  | 'uploadModelChunk'
  | 'getModel'
  | 'searchModels'
  | 'deployModel'
  | 'undeployModel'
  | 'deleteModel'
  | 'getTask'
  | 'predict'
  | 'getModelProfile'
>;

export interface LifecycleTimeouts {
  readonly registerMs: number;
  readonly deployMs: number;
  readonly undeployMs: number;
  /** Until an uploaded model's chunk documents vanish after its delete (≤ ~1.5 s observed: the index refresh). */
  readonly chunkCleanupMs: number;
}

const DEFAULT_TIMEOUTS: LifecycleTimeouts = {
  registerMs: 120_000,
  deployMs: 300_000,
  undeployMs: 60_000,
  chunkCleanupMs: 10_000,
};

export interface ModelLifecycleOptions {
  readonly client: LifecycleClient;
  readonly ledger: ResourceLedger;
  readonly runId: string;
  /** Naming scope, usually the model card id; names become `omlc-<runId>-<scope>-<purpose>`. */
  readonly scope: string;
  readonly timeouts?: Partial<LifecycleTimeouts>;
  readonly clock?: Clock;
  /** Aborts requests and waits in flight; a function is asked at each call (the suite passes the running check's). */
  readonly signal?: AbortSignal | (() => AbortSignal | undefined);
  /** Polling schedule for tasks and model states (default: the poll loop's 50 ms → 1 s backoff). */
  readonly polling?: PollingSchedule;
  /**
   * Clock time by which the current waits must end (e.g. the running check's, from its test timeout): each wait gets
   * the lesser of its own timeout and what is left until then, so it times out with its history instead of being cut
   * off from outside. Undefined: the waits' own timeouts only.
   */
  readonly deadline?: () => number | undefined;
  /** How `register()` registers: by URL (a register task downloads the zip) or by chunked upload. Default `url`. */
  readonly registration?: RegistrationPath;
  /** Progress lines of long uploads, and notices such as a second undeploy after ML Commons' sync-up race. */
  readonly progress?: (line: string) => void;
}

export interface PollingSchedule {
  readonly initialIntervalMs: number;
  readonly maxIntervalMs: number;
  /** How long the interval stays at `initialIntervalMs` before it grows (poll-loop.ts; default 2 s). */
  readonly steadyForMs?: number;
}

/**
 * A register request whose name may be left to the driver (run-scoped, so the leak audit can find it). `artifact`
 * never goes on the wire: it is the local zip the upload path sends instead of `url`.
 */
export type LifecycleRegisterRequest = Omit<RegisterModelRequest, 'name'> & {
  readonly name?: string;
  readonly artifact?: UploadArtifact;
};

export interface RegisteredModel {
  readonly via: 'url';
  readonly modelId: string;
  readonly taskId: string;
  readonly task: Task;
  readonly name: string;
}

export interface LifecycleRunInput {
  readonly register: Omit<LifecycleRegisterRequest, 'model_group_id'>;
  readonly predict: PredictRequest;
  readonly predictRoute?: PredictRoute;
  readonly groupName?: string;
}

export interface LifecycleRunResult {
  readonly groupId: string;
  readonly modelId: string;
  /** The register task (URL path); the upload path has none. */
  readonly registerTask: Task | undefined;
  readonly deployTask: Task;
  readonly prediction: PredictResponse;
  readonly undeployedModel: Model;
  readonly timings: readonly PhaseTiming[];
}

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
  readonly #nameCounts = new Map<string, number>();
  #groupId: string | undefined;
  /** model id → what its register sent as the artifact (hash, else URL): the kind of its deploy task. */
  readonly #artifactOf = new Map<string, string>();

  constructor(options: ModelLifecycleOptions) {
    this.#client = options.client;
    this.#ledger = options.ledger;
    this.#runId = options.runId;
    this.#scope = options.scope;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#clock = options.clock ?? systemClock;
    this.#signal = options.signal;
    this.#polling = options.polling;
    this.#deadline = options.deadline;
    this.#registration = options.registration ?? 'url';
    this.#timer = new PhaseTimer(this.#clock);
    this.#progress = options.progress;
    this.upload = new UploadLifecycle({
      client: this.#client,
      timer: this.#timer,
      clock: this.#clock,
      nameFor: (purpose) => this.nameFor(purpose),
      groupId: () => this.#groupId,
      trackModel: (modelId, name, autoGroup, afterRelease) => {
        this.#trackModel(modelId, name, autoGroup, afterRelease);
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
    this.#ledger.track({ kind: 'model-group', id: groupId, label: name, release: () => this.#deleteGroupRaw(groupId) });
    this.#groupId = groupId;
    return { groupId, name };
  }

  /**
   * Registers and waits for the task. The registration is tracked by name before the request is sent — if the run is
   * interrupted with the request or its task in flight, the release finds the model by name (and task) —, and as the
   * model once the task names it; also when the task fails or times out.
   */
  async registerModel(request: LifecycleRegisterRequest): Promise<RegisteredModel> {
    const name = request.name ?? this.nameFor('model');
    const groupId = request.model_group_id ?? this.#groupId;
    const { artifact: _local, ...wire } = request;
    const body: RegisterModelRequest = {
      ...wire,
      name,
      ...(groupId === undefined ? {} : { model_group_id: groupId }),
    };
    return this.#timer.time(
      'register-model',
      name,
      async () => {
        const autoGroup = groupId === undefined;
        let accepted = false;
        let taskId: string | undefined;
        const pending = this.#ledger.track({
          kind: 'model',
          id: `pending:${name}`,
          label: name,
          release: (context) =>
            releasePendingRegistration(this.#client, {
              name,
              taskId,
              autoGroup,
              budgetMs: this.#timeouts.registerMs,
              clock: this.#clock,
              ...(context?.hurry === undefined ? {} : { hurry: context.hurry }),
            }),
        });
        try {
          ({ task_id: taskId } = await this.#client.registerModel(body, this.#req()));
          accepted = true;
          // Tasks of one artifact take alike: its hash (or URL) names the kind whose durations the waits learn.
          const artifact = body.model_content_hash_value ?? body.url ?? 'model';
          const task = await this.#waitForTask(taskId, `register ${artifact}`, this.#timeouts.registerMs);
          if (task.model_id === undefined) {
            throw new Error(`register task ${taskId} completed without a model_id`);
          }
          this.#ledger.replace(pending, this.#modelEntry(task.model_id, name, autoGroup));
          this.#artifactOf.set(task.model_id, artifact);
          return { via: 'url' as const, modelId: task.model_id, taskId, task, name };
        } catch (error) {
          if (this.#aborted()) {
            throw error; // the pending entry finds whatever the request made, when the ledger is released
          }
          // A refused request (4xx/5xx answer to the POST) created nothing; anything later may have left a model.
          const leftovers =
            accepted || !(error instanceof MlHttpError) ? await leftoverModelIds(this.#client, name, error) : [];
          this.#ledger.untrack(pending.id, 'model');
          for (const id of leftovers) {
            this.#trackModel(id, name, autoGroup);
          }
          throw error;
        }
      },
      (result) => taskServerMs(result.task),
    );
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
        this.#ledger.track({
          kind: 'deployment',
          id: modelId,
          label: `deployment of ${modelId}`,
          release: async (context) => {
            await undeployIfLoaded(this.#client, modelId, this.#release(context?.hurry));
          },
        });
        const { task_id: taskId } = await this.#client.deployModel(modelId, this.#req());
        const task = await this.#waitForTask(
          taskId,
          `deploy ${this.#artifactOf.get(modelId) ?? 'model'}`,
          this.#timeouts.deployMs,
        );
        await this.#waitUntilServing(modelId, taskId, Math.max(1, deadline - this.#clock.now()));
        return { taskId, task };
      },
      (result) => taskServerMs(result.task),
    );
  }

  async #waitUntilServing(modelId: string, taskId: string, timeoutMs: number): Promise<void> {
    try {
      await waitForServing(this.#client, modelId, { ...this.#wait(timeoutMs), failOn: ['DEPLOY_FAILED'] });
    } catch (error) {
      if (error instanceof ModelStateFailedError) {
        throw new DeployNotServingError(
          modelId,
          `deploy task ${taskId} COMPLETED, then the model went ${error.state}`,
          { cause: error },
        );
      }
      if (error instanceof ModelStateTimeoutError) {
        const last = error.last?.model_state ?? '(no state)';
        throw new DeployNotServingError(
          modelId,
          `deploy task ${taskId} COMPLETED, but the model was not routable within ${Math.round(timeoutMs / 1000)} s ` +
            `(model ${last}; profile worker_nodes never covered target_worker_nodes; ${error.message})`,
          { cause: error },
        );
      }
      throw error;
    }
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

  #trackModel(modelId: string, name: string, autoGroup: boolean, afterRelease?: () => Promise<void>): void {
    this.#ledger.track(this.#modelEntry(modelId, name, autoGroup, afterRelease));
  }

  #modelEntry(modelId: string, name: string, autoGroup: boolean, afterRelease?: () => Promise<void>): TrackedResource {
    return {
      kind: 'model',
      id: modelId,
      label: name,
      release: async (context) => {
        // Registering without model_group_id makes ML Commons create a group named after the model; remove it too.
        const groupId = autoGroup ? await this.#groupOf(modelId) : undefined;
        await releaseModel(this.#client, modelId, this.#release(context?.hurry));
        await afterRelease?.();
        if (groupId !== undefined) {
          await this.#deleteGroupRaw(groupId).catch((error: unknown) => {
            if (!isMlHttpError(error, 404)) {
              throw error;
            }
          });
        }
      },
    };
  }

  // Releases never take the driver's AbortSignal: they run precisely when that signal has fired.
  async #groupOf(modelId: string): Promise<string | undefined> {
    const model = await this.#client.getModel(modelId);
    return model.model_group_id;
  }

  async #deleteGroupRaw(groupId: string): Promise<void> {
    await this.#client.deleteModelGroup(groupId);
  }

  #currentSignal(): AbortSignal | undefined {
    return typeof this.#signal === 'function' ? this.#signal() : this.#signal;
  }

  #aborted(): boolean {
    return this.#currentSignal()?.aborted === true;
  }

  /**
   * Waits for a task, first looking when tasks of this kind (register or deploy of this artifact) took to finish on
   * the server so far, and remembers how long this one took.
   */
  async #waitForTask(taskId: string, kind: string, timeoutMs: number): Promise<Task> {
    const expected = expectedTaskDuration(kind);
    const task = await waitForTask(this.#client, taskId, {
      ...this.#wait(timeoutMs),
      ...(expected === undefined ? {} : { firstPollAfterMs: expected }),
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

  #wait(timeoutMs: number): { timeoutMs: number; clock: Clock; signal?: AbortSignal } & Partial<PollingSchedule> {
    const deadline = this.#deadline?.();
    const budget = deadline === undefined ? timeoutMs : Math.min(timeoutMs, Math.max(0, deadline - this.#clock.now()));
    return { timeoutMs: budget, clock: this.#clock, ...this.#req(), ...this.#polling };
  }

  #release(hurry?: AbortSignal): { undeployTimeoutMs: number; clock: Clock; hurry?: AbortSignal } {
    return {
      undeployTimeoutMs: this.#timeouts.undeployMs,
      clock: this.#clock,
      ...(hurry === undefined ? {} : { hurry }),
    };
  }
}
