import { COMMON_ERRORS, COMMON_FEATURES, COMMON_TASK_ERRORS } from './common.ts';
import type { Profile } from './types.ts';

/** ML Commons 3.x, emulating 3.6.0 (values of `GET /` recorded on 3.6.0). */
export const PROFILE_3: Profile = {
  id: '3.x',
  description: 'OpenSearch 3.6.0',
  version: {
    number: '3.6.0',
    luceneVersion: '10.4.0',
    minimumWireCompatibilityVersion: '2.19.0',
    minimumIndexCompatibilityVersion: '2.0.0',
    buildHash: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    buildDate: '2026-11-01T00:00:00.000000000Z',
  },
  features: {
    ...COMMON_FEATURES,
    poolingModeNone: true,
    // [I] present at HEAD; not yet pinned to a release.
    rejectsExecutables: true,
    // TransportUndeployModelAction writes UNDEPLOYED with RefreshPolicy.IMMEDIATE before answering (HEAD).
    undeployUpdatesModelSynchronously: true,
  },
  errors: { ...COMMON_ERRORS },
  taskErrors: COMMON_TASK_ERRORS,
};
