/**
 * What a test file learns about the cluster it runs against. Resolved once per Vitest project in `globalSetup`
 * and handed to test files with `provide`/`inject` (harness/config/provided-context.ts), so suites never branch on the
 * kind of target.
 * Everything here must survive structured cloning (no functions, no class instances).
 */
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
  /** Faults (429/503 bursts, stuck tasks, dropped connections) can be injected. */
  readonly faultInjection: boolean;
  /** The harness may change cluster settings (always restored afterwards). */
  readonly clusterSettingsWritable: boolean;
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
  readonly registration: RegistrationPlan;
  /**
   * How fast to poll tasks and model states. A real cluster is polled 50 ms → 1 s (the driver's default); the
   * simulator finishes tasks within milliseconds, so it is polled faster to keep the offline run short.
   */
  readonly polling?: { readonly initialIntervalMs: number; readonly maxIntervalMs: number };
  /**
   * How long a deleted uploaded model's chunk documents may stay visible (ML Commons deletes them by query, without
   * refresh). Default 10 s, ≤ ~1.5 s observed on real nodes; the simulator refreshes within 50 ms.
   */
  readonly chunkCleanupMs?: number;
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
