import type { HttpHandler } from 'msw';
import { defaultFetchArtifact } from './artifact/fetch-artifact.ts';
import { systemClock, type Clock } from './clock.ts';
import { DEFAULT_DELAYS, type Delays, type NodeIdentity, type SimContext } from './context.ts';
import { FaultController } from './faults/controller.ts';
import { clusterHandlers } from './handlers/cluster.ts';
import { deploymentHandlers } from './handlers/deployment.ts';
import { indexHandlers } from './handlers/indices.ts';
import { ingestPipelineHandlers } from './handlers/ingest-pipelines.ts';
import { modelGroupHandlers } from './handlers/model-groups.ts';
import { modelHandlers } from './handlers/models.ts';
import { observabilityHandlers } from './handlers/observability.ts';
import { predictHandlers } from './handlers/predict.ts';
import { sentinelHandlers } from './handlers/sentinel.ts';
import { taskHandlers } from './handlers/tasks.ts';
import { uploadHandlers } from './handlers/upload.ts';
import { documentId, nodeId } from './ids.ts';
import type { InferenceBackend } from './inference/backend.ts';
import { JobTracker } from './jobs.ts';
import { getProfile, type Profile, type ProfileId } from './profiles/index.ts';
import { ClusterSettings, type NodeSettingsInput } from './settings/cluster-settings.ts';
import { Store } from './state/store.ts';

export interface SimulatorOptions {
  /** A profile id, or a profile object (e.g. a derived one emulating 2.12 with `parsesPrefixes: false`). */
  readonly profile: ProfileId | Profile;
  /** Where the simulated cluster lives, e.g. `http://127.0.0.1:9200` (MSW intercepts before any socket opens). */
  readonly baseUrl: string;
  /** Computes embeddings for predict (golden vectors, ONNX, or a fake in tests). */
  readonly inference: InferenceBackend;
  /** How the node downloads `url` at register; defaults to global fetch through MSW's `bypass()` (+ `file://`). */
  readonly fetchArtifact?: (url: string) => Promise<Uint8Array>;
  readonly delays?: Partial<Delays>;
  readonly clock?: Clock;
  /** Node name reported by `GET /` and `GET /_nodes` (default `omlc-node`). */
  readonly nodeName?: string;
  readonly clusterName?: string;
  /**
   * The node's `opensearch.yml` settings (flat keys). Effective below persistent and transient cluster settings
   * (a `null` there falls back to them), reported under `defaults` with `include_defaults`, kept by `reset()`.
   * Without them the node starts at ML Commons' defaults (URL registration off, `only_run_on_ml_node` on).
   */
  readonly nodeSettings?: NodeSettingsInput;
}

export interface Simulator {
  readonly handlers: HttpHandler[];
  readonly state: Store;
  readonly faults: FaultController;
  readonly settings: ClusterSettings;
  readonly profile: Profile;
  readonly node: NodeIdentity;
  readonly baseUrl: string;
  readonly instanceId: string;
  /**
   * Back to a fresh cluster: no documents (no ML indices), no persistent/transient settings (the node settings
   * stay), no faults; in-flight tasks stop writing.
   */
  reset(): void;
  /** Resolves once every task that can finish has finished (stuck tasks excluded). */
  settle(): Promise<void>;
  /** Resolves the next time background work moves on (a task ends, an undeploy applies). */
  nextChange(): Promise<void>;
}

/**
 * Composition root of the ML Commons simulator: builds the shared context once and hands it to every handler
 * factory. Handler order matters to MSW (first match wins), so literal paths (`_search`, `_register`) come before
 * `:id` patterns within each factory.
 */
export function createSimulator(options: SimulatorOptions): Simulator {
  const profile = typeof options.profile === 'string' ? getProfile(options.profile) : options.profile;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const store = new Store();
  const settings = new ClusterSettings(profile, options.nodeSettings);
  const faults = new FaultController();
  const jobs = new JobTracker();
  const node: NodeIdentity = {
    id: nodeId(),
    name: options.nodeName ?? 'omlc-node',
    clusterName: options.clusterName ?? 'omlc-simulator',
    clusterUuid: nodeId(),
    phantomId: nodeId(),
  };
  const ctx: SimContext = {
    profile,
    baseUrl,
    node,
    store,
    settings,
    faults,
    inference: options.inference,
    fetchArtifact: options.fetchArtifact ?? defaultFetchArtifact,
    delays: { ...DEFAULT_DELAYS, ...options.delays },
    clock: options.clock ?? systemClock,
    jobs,
    instanceId: documentId(),
  };
  const handlers = [
    ...sentinelHandlers(ctx),
    ...clusterHandlers(ctx),
    ...modelGroupHandlers(ctx),
    ...modelHandlers(ctx),
    ...uploadHandlers(ctx),
    ...deploymentHandlers(ctx),
    ...taskHandlers(ctx),
    ...predictHandlers(ctx),
    ...observabilityHandlers(ctx),
    ...ingestPipelineHandlers(ctx),
    // Last: its `/:index` routes must not shadow the literal paths above.
    ...indexHandlers(ctx),
  ];
  return {
    handlers,
    state: store,
    faults,
    settings,
    profile,
    node,
    baseUrl,
    instanceId: ctx.instanceId,
    reset() {
      jobs.reset();
      store.clear();
      settings.reset();
      faults.clear();
    },
    settle: () => jobs.settle(),
    nextChange: () => jobs.changed(),
  };
}
