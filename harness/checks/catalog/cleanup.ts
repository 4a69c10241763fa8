/** `suites/cleanup.spec.ts`: nothing is left behind. */
import type { SuiteCatalog } from './check-requirement.ts';

export const CLEANUP_CHECKS = {
  file: 'cleanup.spec.ts',
  checks: {
    'cleanup.full-lifecycle': {
      title: 'a complete lifecycle leaves no ledger entries and no model behind',
      predicts: true,
    },
    'cleanup.audit': {
      title: 'the leak audit finds nothing with this run id',
    },
  },
} as const satisfies SuiteCatalog;
