import { COMMON_FEATURES, COMMON_TASK_ERRORS, RECORDED_ERRORS } from './common.ts';
import type { Profile } from './types.ts';

/**
 * ML Commons 3.x, emulating 3.6.0 (values of `GET /` recorded on 3.6.0).
 *
 * Checked against fixtures/recordings/3.6.0/responses.json (scenario harness/recordings/scenario.ts; step names
 * below). Also confirmed there, unchanged from the common table: modelNotFound (onnx-sym:get-deleted),
 * modelNotFoundForDelete (model:delete-unknown), taskNotFound (task:get-unknown), duplicateGroupName
 * (group:register-duplicate), deleteGroupWithModels 409 (group:delete-with-models), modelNotReady
 * (onnx-sym:predict-before-deploy), emptyTextDocs (onnx-sym:predict-empty), urlRegistrationDisabled
 * (url-disabled:register), untrustedUrl (untrusted-url:register); the task errors hashMismatch, hashMissing,
 * noModelFile, noTokenizer, multipleModelFiles, formatMismatch (the `*:register-task` steps); the features
 * requiresHashForUrl (missing-hash:register-task), parsesPrefixes and parsesPredictParameters
 * (onnx-asym:predict-query) and deleteUnknownGroupPassesThrough (group:delete-unknown); groupNotFoundForDelete
 * (group:delete-unknown-no-index, no group index yet: 404).
 */
export const PROFILE_3: Profile = {
  id: '3.x',
  description: 'OpenSearch 3.6.0',
  version: {
    number: '3.6.0',
    // Recorded (step root).
    luceneVersion: '10.4.0',
    minimumWireCompatibilityVersion: '2.19.0',
    minimumIndexCompatibilityVersion: '2.0.0',
    buildHash: '4ca747d8d47f80162db323019357447126732e35',
    buildDate: '2026-04-04T06:02:43.418927856Z',
  },
  features: {
    ...COMMON_FEATURES,
    poolingModeNone: true,
    // [I] present at HEAD; not yet pinned to a release.
    rejectsExecutables: true,
    // TransportUndeployModelAction writes UNDEPLOYED with RefreshPolicy.IMMEDIATE before answering (HEAD).
    undeployUpdatesModelSynchronously: true,
    // neural-search PR #1605 (3.5.0): ingest embeds passages, the neural query queries. Recorded: neural:bulk-asym,
    // neural:search-neural-asym (and checked by hand: stored vector == passage _predict, query score from the query).
    neuralSearchPassesContentType: true,
  },
  errors: {
    ...RECORDED_ERRORS,
    // Recorded: neural:search-unknown-model (2.19.6 says only "Failed to find model").
    neuralModelNotFound: {
      status: 404,
      type: 'status_exception',
      reason: 'Failed to find model with the provided model id: {id}',
    },
  },
  taskErrors: COMMON_TASK_ERRORS,
};
