/**
 * Fault plans the tests switch on at runtime. Each plan with `times` is consumed request by request (or task by
 * task); `times` omitted means "until `faults.clear()`".
 */

/** Which simulated endpoints a fault applies to; `any` matches every ML/cluster endpoint but never the sentinel. */
export type FaultEndpoint =
  'register' | 'upload' | 'deploy' | 'task' | 'predict' | 'model' | 'group' | 'undeploy' | 'delete' | 'cluster' | 'any';

/** Every endpoint a handler can belong to (`any` is only a selector). */
export type EndpointKind = Exclude<FaultEndpoint, 'any'> | 'sentinel';

export interface BurstFault {
  readonly endpoint: FaultEndpoint;
  /** Typically 429 or 503; any status is rendered with OpenSearch's error envelope. */
  readonly status: number;
  readonly times: number;
  /** Overrides the profile's default reason for 429/503. */
  readonly reason?: string;
}

export interface SlowFault {
  readonly endpoint: FaultEndpoint;
  readonly delayMs: number;
  readonly times?: number;
}

export interface DropFault {
  readonly endpoint: FaultEndpoint;
  readonly times: number;
}

export interface StuckTaskFault {
  /** Tasks of this type stop in RUNNING (until the simulator is reset). */
  readonly taskType: 'REGISTER_MODEL' | 'DEPLOY_MODEL' | 'any';
  readonly times?: number;
}

export type DeployOutcomeFault =
  | {
      /** Every node fails: task FAILED with `error` = `{"<nodeId>":"<root cause>"}`, model DEPLOY_FAILED. */
      readonly outcome: 'FAILED';
      readonly error?: string;
      readonly times?: number;
    }
  | {
      /**
       * A second (phantom) worker node fails while the real one succeeds: task COMPLETED_WITH_ERROR, model
       * PARTIALLY_DEPLOYED (predict still works on the healthy node).
       */
      readonly outcome: 'COMPLETED_WITH_ERROR';
      readonly error?: string;
      readonly times?: number;
    };

/**
 * Deliberately wrong behaviour, used to prove that the conformance suites fail when a server misbehaves.
 * Every switch is off by default.
 */
export interface WrongBehaviour {
  /** Predict returns vectors this many elements longer (negative: shorter); shape and data agree with each other. */
  readonly embeddingDimensionDelta?: number;
  /** Adds ±this value to alternating elements of every vector. */
  readonly perturbEmbedding?: number;
  /** Register accepts a missing or wrong model_content_hash_value. */
  readonly skipHashCheck?: boolean;
  /** Register accepts zips ML Commons would refuse (no tokenizer, no/multiple model files, wrong format). */
  readonly skipZipLint?: boolean;
  /** Undeploy answers "undeployed" but the model stays loaded and DEPLOYED. */
  readonly ignoreUndeploy?: boolean;
  /** Prefixes are never applied, so query and passage embeddings coincide. */
  readonly ignoreContentType?: boolean;
  /** Deploy of an uploaded model skips the comparison of the chunks with model_content_hash_value. */
  readonly skipUploadHashCheck?: boolean;
  /**
   * Chunk numbers at or beyond total_chunks are accepted, and deploy joins whatever chunks are there without
   * noticing a gap.
   */
  readonly ignoreTotalChunks?: boolean;
  /** Deleting an uploaded model leaves its chunk documents in the model index. */
  readonly keepChunksAfterDelete?: boolean;
}

export interface FaultSnapshot {
  readonly bursts: readonly (BurstFault & { remaining: number })[];
  readonly slow: readonly (SlowFault & { remaining: number })[];
  readonly drops: readonly (DropFault & { remaining: number })[];
  readonly stuck: readonly (StuckTaskFault & { remaining: number })[];
  readonly deployOutcomes: readonly (DeployOutcomeFault & { remaining: number })[];
  readonly wrong: WrongBehaviour;
}
