/**
 * A version profile is pure data: everything that differs between ML Commons lines lives here, so anyone can
 * correct a text or a status from a real-cluster recording by editing one table instead of hunting `if`s.
 * Reason templates use `{placeholders}` filled by `renderError` / `renderTaskError`.
 */

export type ProfileId = '2.11-2.13' | '2.14-2.18' | '2.19' | '3.x';

/** How an HTTP error is rendered: OpenSearch's `{"error":{root_cause,type,reason},"status"}` envelope. */
export interface ErrorSpec {
  readonly status: number;
  /** snake_case exception name as OpenSearch prints it, e.g. `illegal_argument_exception`. */
  readonly type: string;
  readonly reason: string;
  /** Extra keys an OpenSearch exception prints next to type/reason (e.g. `index`, `resource.type`); no `cause` then. */
  readonly fields?: Readonly<Record<string, string>>;
  /**
   * When the server wraps a plain Java exception (e.g. `MLException` around an `IllegalArgumentException`), that
   * cause: rendered under `caused_by`, while `root_cause` names the wrapper (OpenSearch only unwraps its own
   * exception types there).
   */
  readonly cause?: {
    readonly type: string;
    readonly reason: string;
    /** Extra keys OpenSearch prints for the cause, e.g. `index` and `resource.type` of an index_not_found_exception. */
    readonly fields?: Readonly<Record<string, string>>;
    /** An OpenSearch exception (not a plain Java one): it is then also the `root_cause`, not the wrapper. */
    readonly openSearchException?: boolean;
  };
  /** True when this entry is an inference from the sources, not a recording: listed in the report, fix when recorded. */
  readonly inferred?: boolean;
}

/** Every synchronous HTTP error the simulator can answer with. */
export type HttpErrorKey =
  | 'badJson'
  | 'getBodyDropped'
  | 'unsupported'
  | 'unknownSetting'
  | 'invalidBooleanSetting'
  | 'invalidIntegerSetting'
  | 'modelNameMissing'
  | 'modelFormatMissing'
  | 'modelFormatInvalid'
  | 'modelConfigMissing'
  | 'modelTypeMissing'
  | 'embeddingDimensionMissing'
  | 'frameworkTypeMissing'
  | 'frameworkTypeInvalid'
  | 'poolingModeInvalid'
  | 'accessControlDisabled'
  | 'urlRegistrationDisabled'
  | 'untrustedUrl'
  | 'noEligibleNodeRegister'
  | 'noEligibleNodeDeploy'
  | 'groupNameMissing'
  | 'duplicateGroupName'
  | 'groupNotFound'
  | 'groupNotFoundForDelete'
  | 'deleteGroupWithModels'
  | 'modelNotFound'
  | 'modelIndexMissing'
  | 'modelNotFoundForDeploy'
  | 'modelNotFoundForPredict'
  | 'modelNotFoundForDelete'
  | 'modelNotRegisteredForDeploy'
  | 'deleteDeployedModel'
  | 'taskNotFound'
  | 'emptyTextDocs'
  | 'modelNotReady'
  | 'asymmetricNeedsContentType'
  | 'symmetricGivenContentType'
  | 'contentTypeInvalid'
  | 'tooManyRequests'
  | 'serviceUnavailable'
  | 'pipelineInvalid'
  | 'pipelineMissing'
  | 'pipelineNotFoundForWrite'
  | 'mappingInvalid'
  | 'indexNotFound'
  | 'indexNotFoundForDoc'
  | 'indexAlreadyExists'
  | 'vectorDimensionMismatch'
  | 'knnQueryDimension'
  | 'neuralModelNotFound'
  | 'bulkNotTerminated'
  | 'localFileRegistrationDisabled'
  | 'localFileUploadDisabled'
  | 'modelHashMissing'
  | 'totalChunksMissing'
  | 'groupNotFoundForMeta'
  | 'modelNotFoundForUpload'
  | 'chunkNumberInvalid'
  | 'chunkNumberExceeds'
  | 'chunkEmpty'
  | 'chunkTooLarge'
  | 'contentTypeMissing';

/** Texts that end up in a task's `error` field (not HTTP errors). */
export interface TaskErrorTexts {
  readonly hashMissing: string;
  readonly hashMismatch: string;
  readonly noTokenizer: string;
  readonly noModelFile: string;
  readonly multipleModelFiles: string;
  /** `{format}` = declared format, `{ext}` = `.pt` / `.onnx`. */
  readonly formatMismatch: string;
  /** `{name}` = entry name. */
  readonly disallowedExecutable: string;
  readonly invalidZip: string;
  readonly groupNotFound: string;
  /** `{url}`, `{status}`: download answered with a non-2xx status. */
  readonly downloadHttpError: string;
  /** `{message}`: root cause of a network failure (connection refused, …). */
  readonly downloadNetworkError: string;
  /** Root cause used by the deploy-outcome fault when the test gives none. */
  readonly deployFailedDefault: string;
  /** Deploy of an uploaded model whose last chunk (`{id}` = `<modelId>_<n>`) is the first one missing. */
  readonly chunkMissing: string;
  /** Deploy of an uploaded model with an earlier chunk missing (the retrieval loop gives up). */
  readonly chunksIncomplete: string;
}

export interface ProfileFeatures {
  /** 2.13+: `query_prefix`/`passage_prefix` are parsed from model_config (≤2.12 skips them). */
  readonly parsesPrefixes: boolean;
  /** 2.14+: predict `parameters` (content_type) are parsed (2.13 drops them). */
  readonly parsesPredictParameters: boolean;
  /** 2.15+: a URL registration without hash fails with its own text (older: null hash ⇒ "model content changed"). */
  readonly requiresHashForUrl: boolean;
  /** 2.16+: `plugins.ml_commons.disk_free_space_threshold` exists. */
  readonly diskFreeSpaceThresholdSetting: boolean;
  /** 2.13+: `plugins.ml_commons.local_model.enabled` exists. */
  readonly localModelEnabledSetting: boolean;
  /** 3.6+: pooling_mode `none` is accepted. */
  readonly poolingModeNone: boolean;
  /** Newer lines reject `.jar .class .so .dylib .dll` entries in the zip. */
  readonly rejectsExecutables: boolean;
  /** HEAD writes UNDEPLOYED to the model doc before answering the undeploy; older lines do it shortly after. */
  readonly undeployUpdatesModelSynchronously: boolean;
  /** The register task shows RUNNING between CREATED and COMPLETED/FAILED (see profiles/common.ts for why). */
  readonly registerTaskShowsRunning: boolean;
  /**
   * DELETE of an unknown group id passes the group index's own answer through once that index exists: 200 with
   * `"result":"not_found"`. Without the index (no group ever created) it is the `groupNotFoundForDelete` 404.
   * When false, every unknown id is that 404.
   */
  readonly deleteUnknownGroupPassesThrough: boolean;
  /**
   * neural-search 3.5+ (PR #1605): the text_embedding processor embeds with content type PASSAGE and the neural query
   * with QUERY when the model declares a prefix. Before, no content type is passed and an asymmetric model fails.
   */
  readonly neuralSearchPassesContentType: boolean;
}

export interface EmulatedVersion {
  readonly number: string;
  readonly luceneVersion: string;
  readonly minimumWireCompatibilityVersion: string;
  readonly minimumIndexCompatibilityVersion: string;
  readonly buildHash: string;
  readonly buildDate: string;
}

export interface Profile {
  readonly id: ProfileId;
  readonly description: string;
  readonly version: EmulatedVersion;
  readonly features: ProfileFeatures;
  readonly errors: Readonly<Record<HttpErrorKey, ErrorSpec>>;
  readonly taskErrors: TaskErrorTexts;
}
