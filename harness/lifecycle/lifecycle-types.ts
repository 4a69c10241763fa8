/**
 * The lifecycle driver's vocabulary, apart from the driver (model-lifecycle.ts) so its phases (url-lifecycle.ts,
 * upload-lifecycle.ts) and the suites can name the requests and results without importing the driver itself.
 */
import type { Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import type { PredictResponse } from '../ml/predict-schema.ts';
import type { PredictRequest, PredictRoute, RegisterModelRequest } from '../ml/request-types.ts';
import type { Model, Task } from '../ml/schemas.ts';
import type { RegistrationPath } from '../targets/target-info.ts';
import type { PhaseTiming } from './phase-timer.ts';
import type { ResourceLedger } from './resource-ledger.ts';
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

export const DEFAULT_LIFECYCLE_TIMEOUTS: LifecycleTimeouts = {
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

/** What a wait of the driver is given: its budget (cut to the check's deadline), clock, signal and polling. */
export type LifecycleWait = { timeoutMs: number; clock: Clock; signal?: AbortSignal } & Partial<PollingSchedule>;

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
