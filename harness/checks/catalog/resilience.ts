/** `suites/resilience.spec.ts`: the harness under injected faults (simulator only). */
import type { SuiteCatalog } from './check-requirement.ts';

export const RESILIENCE_CHECKS = {
  file: 'resilience.spec.ts',
  checks: {
    'resilience.transient-errors': {
      title: 'the harness rides out 429/503 bursts while polling',
      detail: 'polls a register task, so it registers by URL',
      capabilities: ['faultInjection'],
      registers: 'url',
    },
    'resilience.deploy-failure-cleanup': {
      title: 'a FAILED deploy is reported with the node error and cleaned up',
      capabilities: ['faultInjection'],
    },
  },
} as const satisfies SuiteCatalog;
