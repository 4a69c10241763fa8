/** `suites/api-errors.spec.ts`: the ML Commons API's refusals, per version. */
import type { SuiteCatalog } from './check-requirement.ts';

export const API_ERROR_CHECKS = {
  file: 'api-errors.spec.ts',
  checks: {
    'api.predict-before-deploy': { title: 'predict before deploy → 400 with the versioned text' },
    'api.delete-deployed-model': { title: 'deleting a deployed model → 400' },
    'api.delete-group-with-models': { title: 'deleting a group that has models → 409 (500 before 2.19)' },
    'api.unknown-ids': { title: 'unknown model, task and group ids → 404' },
    'api.delete-unknown-group': {
      title: 'deleting an unknown group id → 200 with result not_found',
      opensearch: { range: '>=2.19.0', why: 'recorded on 2.19.6 and 3.6.0; no recording of older versions' },
    },
    'api.empty-text-docs': { title: 'empty text_docs → 400' },
    'api.duplicate-group-name': { title: 'a duplicate model group name → 400' },
  },
} as const satisfies SuiteCatalog;
