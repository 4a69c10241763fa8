import type { ErrorSpec, HttpErrorKey, ProfileFeatures, TaskErrorTexts } from './types.ts';

/**
 * The error table shared by every line. A profile spreads it and overrides what differs, so each profile file is
 * still the one place to read (and fix) its texts. Entries marked `inferred` come from reading the Java sources, not
 * from a recording; `listInferred()` (profiles/index.ts) lists them for checking against recordings.
 */

const illegal = (reason: string, inferred = false): ErrorSpec => ({
  status: 400,
  type: 'illegal_argument_exception',
  reason,
  ...(inferred ? { inferred } : {}),
});

const notFound = (reason: string, inferred = false): ErrorSpec => ({
  status: 404,
  type: 'status_exception',
  reason,
  ...(inferred ? { inferred } : {}),
});

/** `DLModel.predict` wraps translator errors in `MLException("Failed to inference …")`, which renders as a 500. */
const inferenceFailure = (cause: string): ErrorSpec => ({
  status: 500,
  type: 'm_l_exception',
  reason: 'Failed to inference TEXT_EMBEDDING model: {id}',
  cause: { type: 'illegal_argument_exception', reason: cause },
  inferred: true,
});

const mlNotFound = (reason: string): ErrorSpec => ({
  status: 500,
  type: 'm_l_resource_not_found_exception',
  reason,
  inferred: true,
});

const plainException = (reason: string): ErrorSpec => ({ status: 500, type: 'exception', reason, inferred: true });

/**
 * The same entry without its `inferred` marker: a profile uses it for an entry a recording of its line confirmed,
 * with a comment naming the recording and step.
 */
export function recorded(spec: ErrorSpec): ErrorSpec {
  const { inferred: _inferred, ...rest } = spec;
  return rest;
}

/** Reasons of the simulator's own refusals always start with this, so a report can tell them from server errors. */
const UNSUPPORTED_PREFIX = 'not supported by the simulator: ';

export const COMMON_ERRORS: Readonly<Record<HttpErrorKey, ErrorSpec>> = {
  badJson: { status: 400, type: 'parse_exception', reason: 'Failed to parse request body: {detail}', inferred: true },
  getBodyDropped: {
    status: 400,
    type: 'simulator_unsupported_exception',
    reason: `${UNSUPPORTED_PREFIX}a GET request body never reaches MSW handlers (fetch drops it); send {path} as POST`,
  },
  unsupported: { status: 400, type: 'simulator_unsupported_exception', reason: `${UNSUPPORTED_PREFIX}{detail}` },
  unknownSetting: illegal('{scope} setting [{key}], not recognized', true),
  invalidBooleanSetting: illegal('Failed to parse value [{value}] as only [true] or [false] are allowed.', true),
  invalidIntegerSetting: illegal('Failed to parse value [{value}] for setting [{key}]', true),
  modelNameMissing: illegal('model name is null'),
  modelFormatMissing: illegal('model format is null'),
  modelFormatInvalid: illegal('Wrong model format', true),
  modelConfigMissing: illegal('model config is null'),
  modelTypeMissing: illegal('model type is null'),
  embeddingDimensionMissing: illegal('embedding dimension is null'),
  frameworkTypeMissing: illegal('framework type is null'),
  frameworkTypeInvalid: illegal('Wrong framework type'),
  poolingModeInvalid: illegal('Wrong pooling method'),
  accessControlDisabled: illegal(
    'You cannot specify model access control parameters because the Security plugin or model access control is disabled on your cluster.',
  ),
  urlRegistrationDisabled: illegal(
    'To upload custom model user needs to enable allow_registering_model_via_url settings. Otherwise please use OpenSearch pre-trained models.',
  ),
  untrustedUrl: illegal("URL can't match trusted url regex"),
  noEligibleNodeRegister: illegal(
    'No eligible node found to execute this request. It\'s best practice to provision ML nodes to serve your models. You can disable this setting to serve the model on your data node for development purposes by disabling the "plugins.ml_commons.only_run_on_ml_node" configuration using the _cluster/settings api',
  ),
  // TransportDeployModelAction answers with its own short text when the node filter leaves nothing.
  noEligibleNodeDeploy: illegal('no eligible node found'),
  groupNameMissing: illegal('model group name is null', true),
  duplicateGroupName: illegal('The name you provided is already being used by a model group with ID: {id}.'),
  groupNotFound: notFound('Failed to find model group with the provided model group id: {id}', true),
  // DeleteModelGroupTransportAction on IndexNotFoundException; seen by hand on a fresh 3.6.0 (no group ever created),
  // not in a recording. With the index present 2.19/3.x answer 200 "not_found" (`deleteUnknownGroupPassesThrough`).
  groupNotFoundForDelete: notFound('Failed to find model group'),
  deleteGroupWithModels: {
    status: 409,
    type: 'status_exception',
    reason: 'Cannot delete the model group when it has associated model versions',
  },
  modelNotFound: notFound('Failed to find model with the provided model id: {id}'),
  // GetModelTransportAction on IndexNotFoundException: GET of any id before the first model was ever registered.
  modelIndexMissing: notFound('Fail to find model', true),
  modelNotFoundForDeploy: notFound('Failed to find model with the provided model id: {id}', true),
  modelNotFoundForPredict: notFound('Failed to find model with the provided model id: {id}', true),
  modelNotFoundForDelete: notFound('Failed to find model'),
  // Not in the sources: a real cluster accepts the deploy and fails later while the chunks are missing.
  modelNotRegisteredForDeploy: illegal('Model {id} is not registered yet (state {state})', true),
  deleteDeployedModel: {
    status: 400,
    type: 'status_exception',
    reason: 'Model cannot be deleted in deploying or deployed state. Try undeploy model first then delete',
    inferred: true,
  },
  taskNotFound: notFound('Failed to find task'),
  emptyTextDocs: illegal('Empty text docs'),
  modelNotReady: illegal('Model not ready yet. Please deploy the model first.'),
  asymmetricNeedsContentType: inferenceFailure(
    'The embedding model chosen is asymmetric. To use it, you must declare whether the input is of type `QUERY` or of type `PASSAGE`.',
  ),
  symmetricGivenContentType: inferenceFailure(
    'When passing AsymmetricTextEmbeddingParameters, the model requires to be registered with at least one of `query_prefix` or `passage_prefix`.',
  ),
  contentTypeInvalid: illegal(
    'No enum constant org.opensearch.ml.common.input.parameter.textembedding.AsymmetricTextEmbeddingParameters.EmbeddingContentType.{value}',
    true,
  ),
  tooManyRequests: {
    status: 429,
    type: 'rejected_execution_exception',
    reason: 'rejected execution of ML task (simulated fault)',
    inferred: true,
  },
  serviceUnavailable: {
    status: 503,
    type: 'cluster_block_exception',
    reason: 'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];',
    inferred: true,
  },
  // Ingest pipelines, indices, documents, k-NN (core OpenSearch, k-NN and neural-search plugins).
  pipelineInvalid: { status: 400, type: 'parse_exception', reason: '{detail}', inferred: true },
  pipelineMissing: {
    status: 404,
    type: 'resource_not_found_exception',
    reason: 'pipeline [{id}] is missing',
    inferred: true,
  },
  pipelineNotFoundForWrite: illegal('pipeline with id [{id}] does not exist', true),
  mappingInvalid: { status: 400, type: 'mapper_parsing_exception', reason: '{detail}', inferred: true },
  indexNotFound: indexNotFound('index_or_alias'),
  indexNotFoundForDoc: indexNotFound('index_expression'),
  indexAlreadyExists: {
    status: 400,
    type: 'resource_already_exists_exception',
    reason: 'index [{index}/{uuid}] already exists',
    fields: { index_uuid: '{uuid}', index: '{index}' },
    inferred: true,
  },
  // k-NN KNNValidationUtil; the "Preview of field's value: 'null'" is what the node prints for a pipeline-made vector.
  vectorDimensionMismatch: {
    status: 400,
    type: 'mapper_parsing_exception',
    reason:
      "failed to parse field [{field}] of type [knn_vector] in document with id '{docId}'. Preview of field's value: 'null'",
    cause: {
      type: 'illegal_argument_exception',
      reason: 'Vector dimension mismatch. Expected: {expected}, Given: {given}',
    },
    inferred: true,
  },
  // A real node wraps this in a search_phase_execution_exception with per-shard failures; simplified here.
  knnQueryDimension: illegal('Query vector has invalid dimension: {given}. Dimension should be: {expected}', true),
  neuralModelNotFound: notFound('Failed to find model', true),
  bulkNotTerminated: illegal('The bulk request must be terminated by a newline [\\n]', true),
  // Chunked upload (`_register_meta`, `upload_chunk`): the REST handlers check the local-file setting before
  // anything else; the two texts differ by the final period.
  localFileRegistrationDisabled: illegal(
    'To upload custom model from local file, user needs to enable allow_registering_model_via_local_file settings. Otherwise please use opensearch pre-trained models',
    true,
  ),
  localFileUploadDisabled: illegal(
    'To upload custom model from local file, user needs to enable allow_registering_model_via_local_file settings. Otherwise please use opensearch pre-trained models.',
    true,
  ),
  modelHashMissing: illegal('model content hash value is null', true),
  totalChunksMissing: illegal('total chunks field is null', true),
  // MLResourceNotFoundException is no OpenSearchException with a status, so it renders as a 500.
  groupNotFoundForMeta: mlNotFound('Fail to find model group'),
  modelNotFoundForUpload: mlNotFound('Failed to find model'),
  chunkNumberInvalid: {
    status: 400,
    type: 'number_format_exception',
    reason: 'For input string: "{value}"',
    inferred: true,
  },
  // MLModelChunkUploader throws plain `Exception`s, which OpenSearch renders as `exception` with a 500.
  chunkNumberExceeds: plainException('Chunk number exceeds total chunks'),
  chunkEmpty: plainException('Chunk size either 0 or null'),
  chunkTooLarge: plainException('Chunk size exceeds 10MB'),
  contentTypeMissing: {
    status: 400,
    type: 'content_type_header_exception',
    reason: 'java.lang.IllegalArgumentException: invalid Content-Type header []',
    cause: { type: 'illegal_argument_exception', reason: 'invalid Content-Type header []' },
    inferred: true,
  },
};

/** IndexNotFoundException prints the index and how it was resolved next to type and reason. */
function indexNotFound(resourceType: string): ErrorSpec {
  return {
    status: 404,
    type: 'index_not_found_exception',
    reason: 'no such index [{index}]',
    fields: { index: '{index}', 'resource.id': '{index}', 'resource.type': resourceType, index_uuid: '_na_' },
    inferred: true,
  };
}

/**
 * The common table with the entries recorded identically on 2.19.6 and 3.6.0 (fixtures/recordings/, step names in
 * the comments) marked as no longer inferred; the 2.19 and 3.x profiles start from it.
 */
export const RECORDED_ERRORS: Readonly<Record<HttpErrorKey, ErrorSpec>> = {
  ...COMMON_ERRORS,
  // Recorded: model:get-unknown (first request on a fresh cluster, no model index yet).
  modelIndexMissing: recorded(COMMON_ERRORS.modelIndexMissing),
  // Recorded: group:get-unknown, group:get-deleted.
  groupNotFound: recorded(COMMON_ERRORS.groupNotFound),
  // Recorded: onnx-sym:delete-deployed.
  deleteDeployedModel: recorded(COMMON_ERRORS.deleteDeployedModel),
  // Recorded: onnx-asym:predict-no-content-type (500 m_l_exception, the text under caused_by).
  asymmetricNeedsContentType: recorded(COMMON_ERRORS.asymmetricNeedsContentType),
  // Recorded: onnx-sym:predict-content-type.
  symmetricGivenContentType: recorded(COMMON_ERRORS.symmetricGivenContentType),
  // Recorded: onnx-asym:predict-bad-content-type.
  contentTypeInvalid: recorded(COMMON_ERRORS.contentTypeInvalid),
  // Recorded: neural:pipeline-delete-missing.
  pipelineMissing: recorded(COMMON_ERRORS.pipelineMissing),
  // Recorded: neural:index-delete-missing, neural:cat-indices-missing.
  indexNotFound: recorded(COMMON_ERRORS.indexNotFound),
  // Recorded: neural:doc-get-missing-index.
  indexNotFoundForDoc: recorded(COMMON_ERRORS.indexNotFoundForDoc),
  // Recorded: neural:doc-put-dim (single write), neural:bulk-dim (the same error as a _bulk item).
  vectorDimensionMismatch: recorded(COMMON_ERRORS.vectorDimensionMismatch),
  // Recorded in upload.json (the chunked-upload scenario), steps named after each key.
  localFileRegistrationDisabled: recorded(COMMON_ERRORS.localFileRegistrationDisabled), // gate:meta-disabled
  localFileUploadDisabled: recorded(COMMON_ERRORS.localFileUploadDisabled), // gate:chunk-disabled
  modelHashMissing: recorded(COMMON_ERRORS.modelHashMissing), // meta-no-hash:meta
  totalChunksMissing: recorded(COMMON_ERRORS.totalChunksMissing), // meta-no-total:meta
  groupNotFoundForMeta: recorded(COMMON_ERRORS.groupNotFoundForMeta), // meta-unknown-group:meta
  modelNotFoundForUpload: recorded(COMMON_ERRORS.modelNotFoundForUpload), // chunk-errors:unknown-model
  chunkNumberInvalid: recorded(COMMON_ERRORS.chunkNumberInvalid), // chunk-errors:not-a-number
  chunkNumberExceeds: recorded(COMMON_ERRORS.chunkNumberExceeds), // chunk-errors:out-of-range
  chunkEmpty: recorded(COMMON_ERRORS.chunkEmpty), // chunk-errors:empty
  chunkTooLarge: recorded(COMMON_ERRORS.chunkTooLarge), // chunk-errors:too-large
};

export const COMMON_TASK_ERRORS: TaskErrorTexts = {
  hashMissing: 'Model content Hash code need to be provided when register via url. Please calculate sha 256 Hash code.',
  hashMismatch: 'model content changed',
  noTokenizer: 'No tokenizer file',
  noModelFile: "Can't find model file",
  multipleModelFiles: 'Find multiple model files, but expected only one',
  formatMismatch: 'Model format is {format}, but find {ext} file',
  // [I] HEAD text; the release that introduced the check is not pinned down.
  disallowedExecutable: 'Model archive contains a disallowed executable file: {name}',
  // [I] java.util.zip.ZipException root cause for a non-zip download.
  invalidZip: 'zip END header not found',
  groupNotFound: 'Model group not found',
  // [I] DJL's download through URL.openStream: HttpURLConnection throws FileNotFoundException(url) on 404.
  downloadHttpError: '{url}',
  downloadNetworkError: '{message}',
  deployFailedDefault: 'Failed to deploy model (simulated fault)',
  chunkMissing: 'Fail to find model chunk {id}',
  chunksIncomplete: 'Failed to deploy model',
};

/**
 * Defaults shared by every line. `registerTaskShowsRunning`: the behaviour doc (§5) found no RUNNING update in the
 * register path [V], but the simulator goes CREATED → RUNNING → COMPLETED so harness polling that treats RUNNING
 * as terminal is caught offline. Flip it here once a recording settles it.
 */
export const COMMON_FEATURES: ProfileFeatures = {
  parsesPrefixes: true,
  parsesPredictParameters: true,
  requiresHashForUrl: true,
  diskFreeSpaceThresholdSetting: true,
  localModelEnabledSetting: true,
  poolingModeNone: false,
  rejectsExecutables: false,
  undeployUpdatesModelSynchronously: false,
  registerTaskShowsRunning: true,
  deleteUnknownGroupPassesThrough: true,
  neuralSearchPassesContentType: false,
};
