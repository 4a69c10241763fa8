import { COMMON_ERRORS, COMMON_FEATURES, COMMON_TASK_ERRORS } from './common.ts';
import type { Profile } from './types.ts';

/** ML Commons 2.14–2.18, emulating 2.18.0: asymmetric models usable, hash required, disk threshold setting exists. */
export const PROFILE_2_14_2_18: Profile = {
  id: '2.14-2.18',
  description: 'OpenSearch 2.18.0 (covers 2.14–2.18)',
  version: {
    number: '2.18.0',
    luceneVersion: '9.12.0',
    minimumWireCompatibilityVersion: '7.10.0',
    minimumIndexCompatibilityVersion: '7.0.0',
    buildHash: '99a9a81da366173b0c2b963b26ea92e15ef34547',
    buildDate: '2024-10-31T19:08:04.231254959Z',
  },
  features: {
    ...COMMON_FEATURES,
    // [I] Not recorded for this line: keeps answering 404 for any unknown group id (2.19+ answer 200 not_found).
    deleteUnknownGroupPassesThrough: false,
  },
  errors: {
    ...COMMON_ERRORS,
    // No recording of this line: the 404 for every unknown group id is the simulator's earlier reading.
    groupNotFoundForDelete: { ...COMMON_ERRORS.groupNotFoundForDelete, inferred: true },
    // Only 2.19 turned this into a 409; before, MLValidationException → 500.
    deleteGroupWithModels: {
      status: 500,
      type: 'm_l_validation_exception',
      reason: 'Cannot delete the model group when it has associated model versions',
      inferred: true,
    },
  },
  taskErrors: COMMON_TASK_ERRORS,
};
