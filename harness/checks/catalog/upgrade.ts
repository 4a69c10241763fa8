/**
 * `suites/upgrade.rehearsal.ts` (project `upgrade:<from>→<to>`, native target): a full-cluster-restart upgrade on a
 * kept data dir, with auto-redeploy on and off. Background and measured behaviour: README "Upgrades".
 */
import type { SuiteCatalog } from './check-requirement.ts';

export const UPGRADE_CHECKS = {
  file: 'upgrade.rehearsal.ts',
  checks: {
    'upgrade.start-from': { title: 'the old version starts on a data dir that is kept' },
    'upgrade.prepare': {
      title: 'the model is registered, deployed and predicted on the old version',
      detail: 'every probe × content type recorded as the pre-upgrade baseline',
      predicts: true,
    },
    'upgrade.stop': { title: 'the old version stops cleanly (SIGTERM, shutdown completed)' },
    'upgrade.version': { title: 'the cluster comes up on the new version from the same data dir' },
    'upgrade.ids': {
      title: 'the model and its group still exist with the same ids, hash and model_config',
    },
    'upgrade.redeployed': {
      title: 'auto-redeploy brings the model back: DEPLOYED and loaded within the deadline',
      detail:
        '`model_auto_redeploy.enable: true`, the default; readiness from the ML profile, not the stale model document',
    },
    'upgrade.deploy-failed': {
      title: 'without auto-redeploy the sync job marks the model DEPLOY_FAILED',
      detail: '`model_auto_redeploy.enable: false`; ml-commons #1641',
    },
    'upgrade.deploy-again': {
      title: 'without auto-redeploy the model deploys again on request',
      detail: 'from the chunks stored in the model index, no download',
    },
    'upgrade.predictions': {
      title: 'predictions after the upgrade match the pre-upgrade ones within the drift tolerance',
      predicts: true,
    },
    'upgrade.undeploy-delete': { title: 'undeploy and delete still work after the upgrade' },
    'upgrade.clean': {
      title: 'nothing is left: no model, chunk or group of the rehearsal remains',
      detail: 'chunks are deleted asynchronously and waited for with a deadline',
    },
  },
} as const satisfies SuiteCatalog;
