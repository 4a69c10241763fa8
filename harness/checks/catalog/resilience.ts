/** `suites/resilience.spec.ts`: the harness under injected faults (the simulator, or the fault proxy on a live target). */
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
    'resilience.flaky-connection': {
      title: 'the harness rides out connection resets, truncated answers and latency while polling',
      capabilities: ['faultInjection'],
    },
    'resilience.deploy-failure-cleanup': {
      title: 'a FAILED deploy is reported with the node error and cleaned up',
      detail: 'the model and its group are gone (404) once the ledger is released, whether the model is loaded or not',
      capabilities: ['faultInjection'],
    },
  },
} as const satisfies SuiteCatalog;
