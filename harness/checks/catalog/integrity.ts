/** `suites/integrity.spec.ts`: hashes, malformed zips and URL registration settings. */
import type { SuiteCatalog } from './check-requirement.ts';

export const INTEGRITY_CHECKS = {
  file: 'integrity.spec.ts',
  checks: {
    'integrity.wrong-hash': {
      title: 'a wrong SHA-256 fails the register task and leaves nothing behind',
      detail: 'register task FAILED with the versioned text, no model left',
      registers: 'url',
    },
    'integrity.missing-hash': {
      title: 'a missing SHA-256 fails the register task with its versioned text',
      registers: 'url',
    },
    'integrity.negative-artifact': {
      title: 'a malformed zip fails the register task with ML Commons’ error',
      registers: 'url',
    },
    'integrity.url-disabled': {
      title: 'URL registration disabled → 400',
      detail: 'settings restored',
      capabilities: ['clusterSettingsWritable'],
    },
    'integrity.untrusted-url': {
      title: 'URL outside trusted_url_regex → 400',
      detail: 'settings restored',
      capabilities: ['clusterSettingsWritable'],
      registers: 'url',
    },
  },
} as const satisfies SuiteCatalog;
