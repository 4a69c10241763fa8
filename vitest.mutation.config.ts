/**
 * The Vitest configuration StrykerJS runs (stryker.config.json, `npm run mutation`): the harness's own unit tests in
 * one project, without the self-test that starts nested Vitest runs (minutes per mutant, and its coverage is in
 * child processes Stryker cannot see), without the headless-browser test of the HTML report, and without the
 * integration tests against real processes.
 */
import { defineConfig } from 'vitest/config';
import { newRunId } from './harness/lifecycle/run-id.ts';

export default defineConfig({
  test: {
    name: 'unit',
    provide: { runId: newRunId(new Date()) },
    include: ['harness/**/*.test.ts', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: [
      '**/*.it.test.ts',
      '**/node_modules/**',
      '.stryker-tmp/**',
      'harness/targets/simulator/suites-detect-misbehaviour.test.ts',
      // A real browser per mutant of the HTML renderer: seconds each, and render-html.test.ts checks the same page.
      'harness/report/render-html.chromium.test.ts',
    ],
    setupFiles: ['harness/matchers/setup.ts'],
    testTimeout: 20_000,
    reporters: ['dot'],
  },
});
