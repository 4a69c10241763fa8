import { COMMON_ERRORS, COMMON_FEATURES, COMMON_TASK_ERRORS, RECORDED_ERRORS, recorded } from './common.ts';
import type { Profile } from './types.ts';

/**
 * ML Commons 2.19.x, emulating 2.19.6: delete-group-with-models becomes a 409.
 *
 * Checked against fixtures/recordings/2.19.6/responses.json (scenario harness/recordings/scenario.ts; step names
 * below). Also confirmed there, unchanged from the common table: modelNotFound (onnx-sym:get-deleted),
 * modelNotFoundForDelete (model:delete-unknown), taskNotFound (task:get-unknown), duplicateGroupName
 * (group:register-duplicate), deleteGroupWithModels 409 (group:delete-with-models), modelNotReady
 * (onnx-sym:predict-before-deploy), emptyTextDocs (onnx-sym:predict-empty), urlRegistrationDisabled
 * (url-disabled:register), untrustedUrl (untrusted-url:register); the task errors hashMismatch, hashMissing,
 * noModelFile, noTokenizer, multipleModelFiles, formatMismatch (the `*:register-task` steps); the features
 * requiresHashForUrl (missing-hash:register-task), parsesPrefixes and parsesPredictParameters
 * (onnx-asym:predict-query) and deleteUnknownGroupPassesThrough (group:delete-unknown). neural-search 2.19 passes no
 * content type (`neuralSearchPassesContentType` false): neural:bulk-asym and neural:search-neural-asym fail with
 * asymmetricNeedsContentType.
 */
export const PROFILE_2_19: Profile = {
  id: '2.19',
  description: 'OpenSearch 2.19.6',
  version: {
    number: '2.19.6',
    // Recorded (step root).
    luceneVersion: '9.12.3',
    minimumWireCompatibilityVersion: '7.10.0',
    minimumIndexCompatibilityVersion: '7.0.0',
    buildHash: '97d3c13bf22a4a72ac11dc503fe44c97662b9161',
    buildDate: '2026-07-01T04:27:16.038403104Z',
  },
  features: { ...COMMON_FEATURES },
  errors: {
    ...RECORDED_ERRORS,
    // Recorded: neural:search-unknown-model (neural-search 2.19 says only "Failed to find model"; 3.x names the id).
    neuralModelNotFound: recorded(COMMON_ERRORS.neuralModelNotFound),
    // Recorded: group:delete-unknown-no-index — unlike 3.6.0 (404), 2.19.6 lets the index_not_found through as a 500.
    groupNotFoundForDelete: {
      status: 500,
      type: 'status_exception',
      reason: 'Failed to delete data object from index .plugins-ml-model-group',
      cause: {
        type: 'index_not_found_exception',
        reason: 'no such index [.plugins-ml-model-group]',
        openSearchException: true,
        fields: {
          index: '.plugins-ml-model-group',
          index_uuid: '_na_',
          'resource.id': '.plugins-ml-model-group',
          'resource.type': 'index_expression',
        },
      },
    },
  },
  taskErrors: COMMON_TASK_ERRORS,
};
