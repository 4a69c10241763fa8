/**
 * `suites/drift.spec.ts`: embeddings compared across runs — against a baseline file (`OMLC_BASELINE`) and across the
 * live versions of one run. Each check says which comparison it belongs to (`drift`), so it is skipped with the
 * reason when the run has nothing to compare with.
 */
import type { SuiteCatalog } from './check-requirement.ts';

export const DRIFT_CHECKS = {
  file: 'drift.spec.ts',
  checks: {
    'drift.record': {
      title: 'every probe is embedded and recorded for comparison',
      detail:
        'register, deploy, one predict per probe × content type; the vectors feed the baseline file and the cross-version comparison',
      predicts: true,
      drift: 'record',
    },
    'drift.artifact': {
      title: 'the baseline was recorded from the same artifact and model_config',
      detail:
        'another sha256 or model_config is refused: its vectors are not comparable; a card new since the baseline is skipped as new',
      drift: 'baseline',
    },
    'drift.shape': { title: 'dtype and shape unchanged since the baseline', drift: 'baseline' },
    'drift.embedding': {
      title: 'probe embedding within the drift tolerance of the baseline',
      detail:
        'per probe × content type: cosine ≥ `expectations.drift.min_cosine`, max abs diff ≤ `max_abs_diff`, defaults 0.9999 and 1e-4; a failure names the probe, the content type and both versions',
      drift: 'baseline',
    },
    'drift.timing': {
      title: 'deploy and predict times within the factor of the baseline',
      detail:
        'reported; fails only with `OMLC_DRIFT_FAIL_ON_TIME=true`; factor `expectations.drift.max_time_factor`, default 3',
      drift: 'baseline',
    },
    'drift.card-gone': {
      title: 'a card of the baseline that this run does not have',
      detail: 'reported as a skip with the reason: removed, or left out by `ML_CARDS`; never failed',
      drift: 'baseline',
    },
    'drift.cross-version': {
      title: "probe embedding equal across the run's live versions within the drift tolerance",
      detail:
        'per earlier live version × probe × content type, checked in the later version’s project; the card × version-pair table is in `drift.md`',
      drift: 'cross-version',
    },
  },
} as const satisfies SuiteCatalog;
