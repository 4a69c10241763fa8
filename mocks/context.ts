import type { Clock } from './clock.ts';
import type { FaultController } from './faults/controller.ts';
import type { InferenceBackend } from './inference/backend.ts';
import type { JobTracker } from './jobs.ts';
import type { Profile } from './profiles/index.ts';
import type { ClusterSettings } from './settings/cluster-settings.ts';
import type { Store } from './state/store.ts';

/** How long each simulated step takes. Small by default so offline suites stay fast. */
export interface Delays {
  /** Time a register task spends RUNNING (on top of the real download). */
  readonly registerMs: number;
  /** Time a deploy task spends RUNNING. */
  readonly deployMs: number;
  /** Time between the synchronous answer and the first transition (CREATED → RUNNING), and similar small steps. */
  readonly taskStepMs: number;
  /**
   * How long a deleted model's chunk documents stay visible to searches. ML Commons deletes them by query after
   * answering, without a refresh, so until the index refreshes (every second on a real node) a search still finds
   * them and a group holding uploaded chunks refuses deletion (recorded on 2.19.6 and 3.6.0, upload.json).
   */
  readonly refreshMs: number;
}

export const DEFAULT_DELAYS: Delays = { registerMs: 30, deployMs: 30, taskStepMs: 10, refreshMs: 50 };

/** The single node of the simulated cluster. */
export interface NodeIdentity {
  readonly id: string;
  readonly name: string;
  readonly clusterName: string;
  readonly clusterUuid: string;
  /** A second node id that only exists to report partial deploy failures (COMPLETED_WITH_ERROR fault). */
  readonly phantomId: string;
}

/** Everything handlers and workflows share; built once by `createSimulator`. */
export interface SimContext {
  readonly profile: Profile;
  readonly baseUrl: string;
  readonly node: NodeIdentity;
  readonly store: Store;
  readonly settings: ClusterSettings;
  readonly faults: FaultController;
  readonly inference: InferenceBackend;
  readonly fetchArtifact: (url: string) => Promise<Uint8Array>;
  readonly delays: Delays;
  readonly clock: Clock;
  readonly jobs: JobTracker;
  /** Unique per simulator; the sentinel reports it so a test can tell which instance answered. */
  readonly instanceId: string;
}

export const ML_SETTINGS = {
  allowUrl: 'plugins.ml_commons.allow_registering_model_via_url',
  allowLocalFile: 'plugins.ml_commons.allow_registering_model_via_local_file',
  trustedUrlRegex: 'plugins.ml_commons.trusted_url_regex',
  onlyRunOnMlNode: 'plugins.ml_commons.only_run_on_ml_node',
  accessControl: 'plugins.ml_commons.model_access_control_enabled',
} as const;
