import { COMMON_ERRORS, COMMON_FEATURES, COMMON_TASK_ERRORS } from './common.ts';
import type { Profile } from './types.ts';

/** ML Commons 2.19.x, emulating 2.19.6: delete-group-with-models becomes a 409. */
export const PROFILE_2_19: Profile = {
  id: '2.19',
  description: 'OpenSearch 2.19.6',
  version: {
    number: '2.19.6',
    // [I] the 2.19 line ships Lucene 9.12.x; the patch level is not recorded yet.
    luceneVersion: '9.12.2',
    minimumWireCompatibilityVersion: '7.10.0',
    minimumIndexCompatibilityVersion: '7.0.0',
    buildHash: 'd2b3f1e4a5c6b7d8e9f0a1b2c3d4e5f6a7b8c9d0',
    buildDate: '2026-10-01T00:00:00.000000000Z',
  },
  features: { ...COMMON_FEATURES },
  errors: { ...COMMON_ERRORS },
  taskErrors: COMMON_TASK_ERRORS,
};
