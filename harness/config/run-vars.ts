/** Variables of the run as a whole: which cards, where reports and caches go, the run id. */
import { assertRunId } from '../lifecycle/run-id.ts';
import { defaultCacheDir, EnvValueError, flag, list, pathVar, text, type EnvVar } from './env-var.ts';

const runId: EnvVar<string | undefined> = {
  type: 'run id',
  doc: 'reuse a run id (1–40 of [a-z0-9-]) instead of a new one; resource names and the leak audit use it',
  shownDefault: 'new per run',
  secret: false,
  unset: () => undefined,
  parse(raw) {
    try {
      return assertRunId(raw.trim());
    } catch (error) {
      throw new EnvValueError((error as Error).message);
    }
  },
};

export const RUN_VARS = {
  ML_CARDS: list({ item: 'card ids', doc: 'only these model cards', shownDefault: 'all' }),
  OMLC_CARDS_DIR: list({
    item: 'folders',
    doc: 'more folders of model cards (one card folder each inside), besides fixtures/models; `:` or `,` separated',
    separator: /[,:]/,
  }),
  ML_NEGATIVE_CASES: list({ item: 'case ids', doc: 'only these negative artifacts', shownDefault: 'all' }),
  OMLC_REPORTS_DIR: text({ doc: 'where reports go', fallback: 'reports' }),
  CI: flag({ doc: 'set by CI systems: tests that skip locally when a tool is missing fail instead', fallback: false }),
  OMLC_CHROMIUM: pathVar({
    doc: 'the Chromium the HTML report test and `scripts/screenshot-report.ts` drive',
    shownDefault: '`chromium` on `PATH`',
  }),
  GITHUB_STEP_SUMMARY: pathVar({
    doc: 'set by GitHub Actions: the compact matrix is appended to this file',
    shownDefault: '—',
  }),
  OMLC_RUN_ID: runId,
  OMLC_CACHE_DIR: pathVar({
    doc: 'download cache (distributions, URL artifacts)',
    shownDefault: '`~/.cache/opensearch-ml-conformance`',
    fallback: defaultCacheDir,
  }),
  OMLC_SIMULATOR_MISBEHAVE: text({
    doc: 'JSON switches that make the simulator misbehave (only the self-test proving the suites can fail sets it)',
  }),
} as const;
