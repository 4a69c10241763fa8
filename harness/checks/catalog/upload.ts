/**
 * `suites/upload.spec.ts`: registration without a URL (`_register_meta` + `upload_chunk`), the path opensearch-py-ml
 * takes. Every check registers by upload whatever the target's own path, so it needs local-file registration.
 */
import type { SuiteCatalog } from './check-requirement.ts';

export const UPLOAD_CHECKS = {
  file: 'upload.spec.ts',
  checks: {
    'upload.register': {
      title: 'metadata then chunks: REGISTERING until the last chunk, then REGISTERED',
      detail:
        'model in the ledger from the `_register_meta` answer on; chunks of ≤ 10,000,000 bytes; `total_chunks`, size and hash as declared',
      registers: 'upload',
    },
    'upload.deploy': {
      title: 'an uploaded model deploys (the hash is checked here) and is DEPLOYED',
      registers: 'upload',
    },
    'upload.reference': {
      title: 'the uploaded model embeds every probe like the reference',
      detail: 'same tolerance as `lifecycle.reference`',
      registers: 'upload',
      predicts: true,
    },
    'upload.delete': {
      title: 'undeploy and delete remove the model and every chunk document',
      detail: 'model 404, chunk search empty, group deletable',
      registers: 'upload',
    },
    'upload.wrong-hash': {
      title: 'a wrong hash is accepted by every chunk and fails the deploy with ML Commons’ text',
      detail: 'REGISTERED, then deploy task FAILED "model content changed", DEPLOY_FAILED; nothing left after delete',
      registers: 'upload',
    },
    'upload.missing-chunk': {
      title: 'a missing chunk fails the deploy with ML Commons’ text',
      registers: 'upload',
    },
    'upload.chunk-out-of-range': {
      title: 'a chunk number ≥ total_chunks is refused with ML Commons’ text',
      registers: 'upload',
    },
    'upload.count-mismatch': {
      title: 'fewer chunks than total_chunks: stays REGISTERING, deploy fails naming the missing chunk',
      registers: 'upload',
    },
    'upload.deploy-before-last-chunk': {
      title: 'deploying before the last chunk fails; the finished upload then registers',
      registers: 'upload',
    },
    'upload.nothing-left': {
      title: 'deleting a half-uploaded model leaves no model, no chunk and a deletable group',
      registers: 'upload',
    },
    'upload.local-file-disabled': {
      title: 'local-file registration disabled → both endpoints 400',
      detail: 'settings restored',
      capabilities: ['clusterSettingsWritable'],
    },
  },
} as const satisfies SuiteCatalog;
