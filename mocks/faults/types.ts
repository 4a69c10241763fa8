import type { HttpErrorKey } from '../profiles/types.ts';

/**
 * Fault plans the tests switch on at runtime. Each plan with `times` is consumed request by request (or task by
 * task); `times` omitted means "until `faults.clear()`". The same plans drive the simulator and the fault proxy that
 * sits between the harness and a real cluster (harness/faults/fault-proxy.ts).
 */

/** Which simulated endpoints a fault applies to; `any` matches every ML/cluster endpoint but never the sentinel. */
export type FaultEndpoint =
  | 'register'
  | 'upload'
  | 'deploy'
  | 'task'
  | 'predict'
  | 'model'
  | 'group'
  | 'undeploy'
  | 'delete'
  | 'cluster'
  | 'neural'
  | 'any';

/** Every endpoint a handler can belong to (`any` is only a selector). */
export type EndpointKind = Exclude<FaultEndpoint, 'any'> | 'sentinel';

export interface BurstFault {
  readonly endpoint: FaultEndpoint;
  /** Typically 429 or 503; any status is rendered with OpenSearch's error envelope. */
  readonly status: number;
  readonly times: number;
  /** Overrides the profile's default reason for 429/503. */
  readonly reason?: string;
  /**
   * Overrides the exception type, e.g. `circuit_breaking_exception` for a 429 from a tripped breaker (the default 429
   * is a full thread pool's `rejected_execution_exception`).
   */
  readonly type?: string;
}

export interface SlowFault {
  readonly endpoint: FaultEndpoint;
  readonly delayMs: number;
  readonly times?: number;
}

/** The connection is reset instead of answered (the client sees ECONNRESET). */
export interface DropFault {
  readonly endpoint: FaultEndpoint;
  readonly times: number;
}

/** The answer arrives complete at the HTTP level but its JSON body is cut in half (a broken middlebox). */
export interface TruncateFault {
  readonly endpoint: FaultEndpoint;
  readonly times: number;
}

/**
 * ML Commons' sync-up race as a client sees it (harness/lifecycle/deploy-race.ts): `GET` of a model reads `state`, and
 * predict answers 400 "Model not ready yet. Please deploy the model first.". Each rewritten answer uses one of `times`.
 */
export interface DeployRaceFault {
  readonly state: 'DEPLOY_FAILED' | 'DEPLOYING';
  readonly times?: number;
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
  /** Every deploy fails on the node: task FAILED, model DEPLOY_FAILED. */
  readonly failDeploys?: boolean;
  /** Predict tensors report this `data_type` (e.g. `FLOAT64`) instead of FLOAT32; the values are unchanged. */
  readonly embeddingDataType?: string;
  /** The first value of every vector is NaN, rendered `"NaN"` as Jackson writes a non-finite float by default. */
  readonly nanInEmbedding?: boolean;
  /** ONNX embeddings are computed without normalisation, whatever `normalize_result` says. */
  readonly ignoreNormalize?: boolean;
  /** These refusals (keys of the profile's error table) answer with another status, e.g. `{ modelNotReady: 422 }`. */
  readonly errorStatus?: Readonly<Partial<Record<HttpErrorKey, number>>>;
  /** These refusals (profile error keys) carry another reason text. */
  readonly rewordErrors?: readonly HttpErrorKey[];
  /** Failed register tasks carry another error text (hash, zip and download failures). */
  readonly rewordTaskErrors?: boolean;
  /** Predict returns vectors this many elements longer (negative: shorter); shape and data agree with each other. */
  readonly embeddingDimensionDelta?: number;
  /** Adds ±this value to alternating elements of every vector. */
  readonly perturbEmbedding?: number;
  /**
   * Rotates every vector by this angle (radians) in each coordinate plane (2i, 2i+1): the norm is kept, so only a
   * comparison with an earlier vector (drift) can notice. Models an engine upgrade that shifts embeddings slightly.
   */
  readonly rotateEmbedding?: number;
  /** Register accepts a missing or wrong model_content_hash_value. */
  readonly skipHashCheck?: boolean;
  /** Register accepts zips ML Commons would refuse (no tokenizer, no/multiple model files, wrong format). */
  readonly skipZipLint?: boolean;
  /**
   * The first undeploy of each model answers "undeployed" but the model stays loaded and DEPLOYED; a repeated
   * undeploy works (so a run's clean-up still succeeds and the run ends quickly).
   */
  readonly ignoreUndeploy?: boolean;
  /** Prefixes are never applied, so query and passage embeddings coincide. */
  readonly ignoreContentType?: boolean;
  /** A FAILED register keeps its model document (REGISTERING, never deleted) instead of removing it. */
  readonly keepModelAfterFailedRegister?: boolean;
  /** Ingest stores vectors with ±this value added to alternating elements (not what `_predict` returns). */
  readonly perturbStoredVector?: number;
  /** k-NN and neural searches return their k hits worst first. */
  readonly reverseSearchHits?: boolean;
  /** Ingest stores a vector whose length differs from the knn_vector field's dimension. */
  readonly skipVectorDimensionCheck?: boolean;
  /** A neural query on an asymmetric model embeds the query text as a passage. */
  readonly neuralQueryAsPassage?: boolean;
  /** neural-search passes content types to asymmetric models even on lines before 3.5 (as if PR #1605 were there). */
  readonly neuralContentTypeBefore35?: boolean;
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
  readonly truncates: readonly (TruncateFault & { remaining: number })[];
  readonly races: readonly (DeployRaceFault & { remaining: number })[];
  readonly stuck: readonly (StuckTaskFault & { remaining: number })[];
  readonly deployOutcomes: readonly (DeployOutcomeFault & { remaining: number })[];
  readonly wrong: WrongBehaviour;
}
