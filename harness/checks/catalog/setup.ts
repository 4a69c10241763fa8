/**
 * Setup steps: registered as cases so a failed register shows as one failure and a row of explained skips. A step is
 * needed by the checks that declare `after` on it, and skipped when every one of them is skipped on the target.
 */
import type { SuiteCatalog } from './check-requirement.ts';

export const SETUP_STEPS = {
  file: '(several suites)',
  checks: {
    'setup.register': { title: 'setup: register the model under test' },
    'setup.deploy': { title: 'setup: register and deploy the model under test' },
    'setup.deploy-unprefixed': { title: 'setup: register and deploy the same artifact without prefixes' },
  },
} as const satisfies SuiteCatalog;
