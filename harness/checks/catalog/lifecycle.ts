/** `suites/lifecycle.spec.ts`: register → deploy → predict → undeploy → delete for every card. */
import type { SuiteCatalog } from './check-requirement.ts';

export const LIFECYCLE_CHECKS = {
  file: 'lifecycle.spec.ts',
  checks: {
    'lifecycle.register': {
      title: 'the model registers by the target’s path and is REGISTERED',
      detail: 'URL: register task COMPLETED; upload: every chunk accepted — the run says which path and why',
    },
    'lifecycle.deploy': {
      title: 'deploy task completes and the model is DEPLOYED',
      detail: 'and routable: the profile shows it on every target worker node, within the deploy deadline',
    },
    'lifecycle.stays-deployed': {
      title: 'the deployed model keeps serving across one sync-up interval',
      detail:
        "model DEPLOYED, on its worker nodes and answering predict for one `sync_up_job_interval_in_seconds` (+2 s); a flip names ML Commons' sync-up race",
      capabilities: ['syncUpJob'],
      predicts: true,
    },
    'lifecycle.embedding': {
      title: 'probe embedding has the declared shape, dtype and norm',
      detail:
        'per probe text: declared dimension == `shape[0]` == `data.length`, dtype, finite, unit norm iff `normalize_result`',
      predicts: true,
    },
    'lifecycle.reference': {
      title: 'probe embedding matches the reference',
      detail:
        'per probe text: cosine + element-wise tolerance against the card’s golden vector (reference.json), or the harness’s ONNX computation for a probe without one',
      predicts: true,
    },
    'lifecycle.deterministic': { title: 'the same text twice gives the same vector', predicts: true },
    'lifecycle.batch': { title: 'a batch equals one-by-one predictions', predicts: true },
    'lifecycle.endpoints': {
      title: 'both predict endpoints agree',
      detail: '`/_predict/text_embedding/{id}` == `/models/{id}/_predict`',
      predicts: true,
    },
    'lifecycle.long-input': {
      title: 'a probe longer than model_max_length is embedded (truncated)',
      predicts: true,
    },
    'lifecycle.undeploy': { title: 'undeploy leaves the model UNDEPLOYED' },
    'lifecycle.delete': { title: 'deleted model and group are gone (404)' },
  },
} as const satisfies SuiteCatalog;
