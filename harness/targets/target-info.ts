/**
 * What a test file learns about the cluster it runs against. Resolved once per Vitest project in `globalSetup`
 * and handed to test files with `provide`/`inject` (harness/config/provided-context.ts), so suites never branch on the
 * kind of target.
 * Everything here must survive structured cloning (no functions, no class instances).
 */
import type { KnnEngine } from '../neural/index-spec.ts';

export type TargetKind = 'simulator' | 'native' | 'container' | 'external';

export interface BasicAuth {
  readonly type: 'basic';
  readonly username: string;
  readonly password: string;
}

export interface SigV4Auth {
  readonly type: 'sigv4';
  readonly region: string;
  /** `es` for managed domains, `aoss` for serverless collections. */
  readonly service: 'es' | 'aoss';
}

export interface TargetConnection {
  readonly baseUrl: string;
  readonly auth?: BasicAuth | SigV4Auth;
  /** PEM file with the CA that signed the cluster's certificate. */
  readonly caFile?: string;
  /** Explicit opt-in only (`OPENSEARCH_INSECURE=true`): skips TLS certificate verification. */
  readonly insecureTls?: boolean;
}

export interface TargetCapabilities {
  /** The target runs TorchScript models (the simulator can only answer golden vectors for probe texts). */
  readonly torchScript: boolean;
  /** Embeddings come from a real inference engine rather than recorded goldens. */
  readonly realInference: boolean;
  /**
   * Faults (429/503 bursts, latency, resets, truncated answers, stuck tasks, failed deploys, the sync-up race) can be
   * injected: by the simulator, or by the fault proxy in front of a real cluster (not one signed with SigV4).
   */
  readonly faultInjection: boolean;
  /** ML Commons' sync-up job runs on the cluster (interval > 0), so a deployed model can flip (deploy-race.ts). */
  readonly syncUpJob: boolean;
  /** The harness may change cluster settings (always restored afterwards). */
  readonly clusterSettingsWritable: boolean;
}

/** Whether the neural checks can run here: k-NN + neural-search installed and the configured engine usable. */
export interface NeuralSupport {
  /** The k-NN engine indices are created with (`OMLC_KNN_ENGINE`). */
  readonly engine: KnnEngine;
  /** Why the neural checks are skipped on this target (a missing plugin, an engine it cannot run); else absent. */
  readonly unavailable?: string;
}

/** How the suites register models on a target: the cluster downloads the zip by URL, or the harness uploads it. */
export type RegistrationPath = 'url' | 'upload';

/** Whether a registration path works on a target, and why (shown in skip reasons and at the start of the run). */
export type PathAvailability =
  { readonly usable: true; readonly why: string } | { readonly usable: false; readonly reason: string };

export interface RegistrationPlan {
  /** The path `lifecycle.register()` takes (OMLC_REGISTER_VIA, or chosen by `auto`). */
  readonly via: RegistrationPath;
  readonly why: string;
  /** Checks of one path (integrity.* for URL, upload.* for upload) are skipped where it does not work. */
  readonly url: PathAvailability;
  readonly upload: PathAvailability;
}

export interface AvailableTarget {
  readonly available: true;
  readonly kind: TargetKind;
  /** Human label used in reports, e.g. `native 2.19.6` or `simulator 2.13`. */
  readonly label: string;
  /** Why this target was chosen (printed at the start of the run). */
  readonly why: string;
  readonly connection: TargetConnection;
  /** URL prefix under which the cluster reaches the artifact server (no trailing slash). */
  readonly artifactBaseUrl: string;
  /** Detected OpenSearch version (from `GET /`), e.g. `2.19.6`. */
  readonly version: string;
  readonly distribution: string;
  readonly capabilities: TargetCapabilities;
  readonly neural: NeuralSupport;
  readonly registration: RegistrationPlan;
  /**
   * How fast to poll tasks and model states. A real cluster is polled 50 ms → 1 s (the driver's default); the
   * simulator finishes tasks within milliseconds, so it is polled faster to keep the offline run short.
   */
  readonly polling?: {
    readonly initialIntervalMs: number;
    readonly maxIntervalMs: number;
    /** How long the interval stays at `initialIntervalMs` before it grows (default 2 s). */
    readonly steadyForMs?: number;
  };
  /**
   * How long a new or deleted document may take to show in searches (the index refresh): default 1.5 s
   * (registration-survivors.ts); the simulator's searches see every write at once (0).
   */
  readonly searchRefreshMs?: number;
  /**
   * Wait budgets of the lifecycle driver where they differ from its defaults (register 120 s, deploy 300 s, undeploy
   * 60 s; every wait also ends inside its check's test timeout): the simulator undeploys within milliseconds, so a
   * model that stays loaded is reported after a few seconds instead of a minute. `chunkCleanupMs`: how long a deleted
   * uploaded model's chunk documents may stay visible (ML Commons deletes them by query, without refresh): default
   * 10 s, ≤ ~1.5 s observed on real nodes; the simulator refreshes within 50 ms.
   */
  readonly timeouts?: {
    readonly registerMs?: number;
    readonly deployMs?: number;
    readonly undeployMs?: number;
    readonly chunkCleanupMs?: number;
  };
}

export interface UnavailableTarget {
  readonly available: false;
  readonly kind: TargetKind | 'none';
  readonly label: string;
  /** Shown as the skip reason of every live check, e.g. `no container runtime: …`. */
  readonly reason: string;
  /**
   * Set when a target that should have worked failed to start (e.g. Java and Maven are there but the cluster did
   * not come up): checks then fail with this message instead of being skipped, so the run cannot pass silently.
   */
  readonly failure?: string;
}

export type ProvidedTarget = AvailableTarget | UnavailableTarget;
