import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { runConfig } from './harness/config/run-config.ts';
import { planLiveProjects } from './harness/targets/live/live-plan.ts';
import { newRunId } from './harness/lifecycle/run-id.ts';
import { SIMULATOR_PROFILE_IDS } from './harness/targets/simulator/profile-ids.ts';
import { planUpgradeProject, UPGRADE_GROUP_ORDER } from './harness/upgrade/upgrade-plan.ts';

// Every environment variable is parsed here first: a bad one stops the run before anything starts, all named at once.
const config = runConfig();

// One run id for every project of this run: resource names carry it, and the leak audit searches for it. Suites,
// global setups and the reporter read it from the provided context.
const runId = config.OMLC_RUN_ID ?? newRunId(new Date());

// Where reports go; the self-test that proves the suites can fail redirects its nested run elsewhere.
const reportsDir = config.OMLC_REPORTS_DIR;
const suites = ['suites/**/*.spec.ts'];
const matchers = 'harness/matchers/setup.ts';
const livePlans = planLiveProjects(config);
const upgrade = planUpgradeProject(config);
const offlineProject = (profile: string): string => `offline:${profile}`;
// The projects that run the suites: the conformance reports cover exactly these.
const conformanceProjects = [
  ...SIMULATOR_PROFILE_IDS.map(offlineProject),
  ...livePlans.map((plan) => plan.projectName),
  ...(upgrade === undefined ? [] : [upgrade.projectName]),
];

export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores: one on a 2-core machine, where the offline files then run
    // one after another while the main process mostly idles. Two files at a time use both cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    provide: { runId },
    reporters: [
      'default',
      ['junit', { outputFile: `${reportsDir}/junit.xml` }],
      ['json', { outputFile: `${reportsDir}/vitest-results.json` }],
      ['./harness/report/conformance-reporter.ts', { projects: conformanceProjects }],
    ],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['harness/**/*.test.ts', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.it.test.ts', '**/node_modules/**'],
          setupFiles: [matchers],
          testTimeout: 20_000,
        },
      },
      {
        // Tests of the harness against real processes it starts itself (e.g. a TLS + auth cluster for the external
        // target); each skips with its reason where Java/Maven are missing.
        test: {
          name: 'integration',
          include: ['harness/**/*.it.test.ts'],
          setupFiles: [matchers],
          fileParallelism: false,
          testTimeout: 900_000,
          hookTimeout: 900_000,
          sequence: { groupOrder: 100 },
        },
      },
      ...SIMULATOR_PROFILE_IDS.map((profile) => ({
        test: {
          name: offlineProject(profile),
          include: suites,
          provide: { simulatorProfile: profile },
          globalSetup: ['harness/targets/simulator/global-setup.ts'],
          setupFiles: [matchers, 'harness/targets/simulator/worker-setup.ts'],
          // Each file starts its own simulator; reusing the worker's module cache between files (not its state)
          // saves most of the per-file start-up (onnxruntime, MSW, the client). Vitest hands a worker the next file
          // only while it belongs to the same profile, so with two workers each profile starts about two.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      })),
      ...livePlans.map((plan) => ({
        test: {
          name: plan.projectName,
          include: suites,
          provide: { livePlan: plan },
          globalSetup: ['harness/targets/live/global-setup.ts'],
          setupFiles: [matchers],
          // One cluster per project: files run one at a time so model deploys never compete for its two cores.
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 900_000,
          sequence: { groupOrder: plan.groupOrder },
        },
      })),
      ...(upgrade === undefined
        ? []
        : [
            {
              // The in-place upgrade rehearsal: after the live projects (it starts its own nodes, one at a time).
              test: {
                name: upgrade.projectName,
                include: ['suites/upgrade.rehearsal.ts'],
                provide: { upgradePlan: upgrade },
                globalSetup: ['harness/upgrade/global-setup.ts'],
                setupFiles: [matchers],
                fileParallelism: false,
                testTimeout: 600_000,
                hookTimeout: 900_000,
                sequence: { groupOrder: UPGRADE_GROUP_ORDER },
              },
            },
          ]),
    ],
  },
});
