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
import { waitForModelState } from '../ml/wait-for-model-state.ts';
import { waitForTask } from '../ml/wait-for-task.ts';
import { releaseModel, undeployIfLoaded } from './model-release.ts';
import { PhaseTimer, taskServerMs, type PhaseTiming } from './phase-timer.ts';
import { leftoverModelIds } from './registration-leftovers.ts';
import { resourceName } from './resource-naming.ts';
import type { RegistrationPath } from '../targets/target-info.ts';
import type { ResourceLedger } from './resource-ledger.ts';
import { UploadLifecycle, type UploadedModel } from './upload-lifecycle.ts';
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
  readonly signal?: AbortSignal;
  /** Polling schedule for tasks and model states (default: the poll loop's 50 ms → 1 s backoff). */
  readonly polling?: PollingSchedule;
  /** How `register()` registers: by URL (a register task downloads the zip) or by chunked upload. Default `url`. */
  readonly registration?: RegistrationPath;
  /** Progress lines of long uploads. */
  readonly progress?: (line: string) => void;
}

export interface PollingSchedule {
  readonly initialIntervalMs: number;
  readonly maxIntervalMs: number;
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
  readonly #signal: AbortSignal | undefined;
  readonly #polling: PollingSchedule | undefined;
  readonly #registration: RegistrationPath;
  readonly #timer: PhaseTimer;
  readonly #nameCounts = new Map<string, number>();
  #groupId: string | undefined;

  constructor(options: ModelLifecycleOptions) {
    this.#client = options.client;
    this.#ledger = options.ledger;
    this.#runId = options.runId;
    this.#scope = options.scope;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#clock = options.clock ?? systemClock;
    this.#signal = options.signal;
    this.#polling = options.polling;
    this.#registration = options.registration ?? 'url';
    this.#timer = new PhaseTimer(this.#clock);
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

  /** Registers and waits for the task. The model is tracked even when the task fails or times out. */
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
        try {
          const { task_id: taskId } = await this.#client.registerModel(body, this.#req());
          accepted = true;
          const task = await waitForTask(this.#client, taskId, this.#wait(this.#timeouts.registerMs));
          if (task.model_id === undefined) {
            throw new Error(`register task ${taskId} completed without a model_id`);
          }
          this.#trackModel(task.model_id, name, autoGroup);
          return { via: 'url' as const, modelId: task.model_id, taskId, task, name };
        } catch (error) {
          // A refused request (4xx/5xx answer to the POST) created nothing; anything later may have left a model.
          if (accepted || !(error instanceof MlHttpError)) {
            for (const id of await leftoverModelIds(this.#client, name, error)) {
              this.#trackModel(id, name, autoGroup);
            }
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

  /** Deploys and waits for the task; the deployment is tracked before waiting, so a stuck deploy is still undone. */
  async deploy(modelId: string): Promise<{ taskId: string; task: Task }> {
    return this.#timer.time(
      'deploy',
      modelId,
      async () => {
        const { task_id: taskId } = await this.#client.deployModel(modelId, this.#req());
        this.#ledger.track({
          kind: 'deployment',
          id: modelId,
          label: `deployment of ${modelId}`,
          release: async () => {
            await undeployIfLoaded(this.#client, modelId, this.#release());
          },
        });
        const task = await waitForTask(this.#client, taskId, this.#wait(this.#timeouts.deployMs));
        // Before 3.x the model document can still say DEPLOYING for a moment after the task completed (observed on
        // 2.19.6): wait for it to settle so callers see the state the task promised.
        await waitForModelState(this.#client, modelId, ['DEPLOYED', 'PARTIALLY_DEPLOYED'], {
          ...this.#wait(this.#timeouts.deployMs),
          failOn: ['DEPLOY_FAILED'],
        });
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

  /** Undeploys and waits for the model document to say UNDEPLOYED (asynchronous before 3.x). */
  async undeploy(modelId: string): Promise<{ response: UndeployModelResponse; model: Model }> {
    return this.#timer.time('undeploy', modelId, async () => {
      const response = await this.#client.undeployModel(modelId, this.#req());
      const model = await waitForModelState(this.#client, modelId, ['UNDEPLOYED'], {
        ...this.#wait(this.#timeouts.undeployMs),
        failOn: ['DEPLOY_FAILED'],
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
    this.#ledger.track({
      kind: 'model',
      id: modelId,
      label: name,
      release: async () => {
        // Registering without model_group_id makes ML Commons create a group named after the model; remove it too.
        const groupId = autoGroup ? await this.#groupOf(modelId) : undefined;
        await releaseModel(this.#client, modelId, this.#release());
        await afterRelease?.();
        if (groupId !== undefined) {
          await this.#deleteGroupRaw(groupId).catch((error: unknown) => {
            if (!isMlHttpError(error, 404)) {
              throw error;
            }
          });
        }
      },
    });
  }

  // Releases never take the driver's AbortSignal: they run precisely when that signal has fired.
  async #groupOf(modelId: string): Promise<string | undefined> {
    const model = await this.#client.getModel(modelId);
    return model.model_group_id;
  }

  async #deleteGroupRaw(groupId: string): Promise<void> {
    await this.#client.deleteModelGroup(groupId);
  }

  #req(): { signal?: AbortSignal } {
    return this.#signal === undefined ? {} : { signal: this.#signal };
  }

  #wait(timeoutMs: number): { timeoutMs: number; clock: Clock; signal?: AbortSignal } & Partial<PollingSchedule> {
    return { timeoutMs, clock: this.#clock, ...this.#req(), ...this.#polling };
  }

  #release(): { undeployTimeoutMs: number; clock: Clock } {
    return { undeployTimeoutMs: this.#timeouts.undeployMs, clock: this.#clock };
  }
}
