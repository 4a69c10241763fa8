import { COMMON_ERRORS, COMMON_FEATURES, COMMON_TASK_ERRORS } from './common.ts';
import type { Profile } from './types.ts';

/** ML Commons 2.11–2.13, emulating 2.13.0: prefixes are stored but predict `parameters` are dropped (fixed in 2.14). */
export const PROFILE_2_11_2_13: Profile = {
  id: '2.11-2.13',
  description: 'OpenSearch 2.13.0 (covers 2.11–2.13)',
  version: {
    number: '2.13.0',
    luceneVersion: '9.10.0',
    minimumWireCompatibilityVersion: '7.10.0',
    minimumIndexCompatibilityVersion: '7.0.0',
    buildHash: '7ec678d1b7c87d6e779fdef94e33623e1f1e2647',
    buildDate: '2024-03-26T00:04:51.025238748Z',
  },
  features: {
    ...COMMON_FEATURES,
    parsesPredictParameters: false,
    // ≤2.14: a null hash is compared like any other value and fails as "model content changed".
    requiresHashForUrl: false,
    diskFreeSpaceThresholdSetting: false,
    // [I] Not recorded for this line: keeps answering 404 for any unknown group id (2.19+ answer 200 not_found).
    deleteUnknownGroupPassesThrough: false,
  },
  errors: {
    ...COMMON_ERRORS,
    // No recording of this line: the 404 for every unknown group id is the simulator's earlier reading.
    groupNotFoundForDelete: { ...COMMON_ERRORS.groupNotFoundForDelete, inferred: true },
    modelNotReady: {
      status: 400,
      type: 'illegal_argument_exception',
      reason: 'Model not ready yet. Please run this first: POST /_plugins/_ml/models/{id}/_deploy',
    },
    // MLValidationException is a plain MLException subclass before 2.19, so it surfaces as a 500.
    deleteGroupWithModels: {
      status: 500,
      type: 'm_l_validation_exception',
      reason: 'Cannot delete the model group when it has associated model versions',
      inferred: true,
    },
  },
  taskErrors: COMMON_TASK_ERRORS,
};
