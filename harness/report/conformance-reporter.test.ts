/**
 * The reporter in a real Vitest run (a child process on the fixture configuration): errors outside tests are failures
 * in every report, the reports are written on every run — zero cases, a failed global setup or teardown, a
 * cancelled run, a run ended by a signal — and never leave a previous run's results in place.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RunError } from './report-model.ts';
import { removeFixtureRuns, runFixture } from './testing/run-fixture.ts';

afterAll(removeFixtureRuns);

const TIMEOUT = 90_000;

function errorSummary(errors: readonly RunError[]): string[] {
  return errors.map((e) => `${e.kind} | ${e.project ?? '-'} | ${e.card ?? '-'} | ${e.where} | ${e.message}`);
}

describe.concurrent('the conformance reporter', () => {
  it(
    'counts every error outside a test as a failure, in conformance.json, the matrix, the HTML and the summary',
    { timeout: TIMEOUT },
    async () => {
      const run = await runFixture({ projects: ['conformance:main', 'own-tests'], stepSummary: true });
      expect(run.exitCode, run.output).not.toBe(0);
      const report = run.report();
      expect(report.runId).toBe(run.runId);
      expect(errorSummary(report.errors).sort()).toEqual(
        [
          'hook | conformance:main | card-a | afterAll of "audited · card-a" in cases/hooks.case.ts | scope audit: model omlc-fixture-model is still DEPLOYED',
          'hook | conformance:main | card-b | beforeAll of "unprepared · card-b" in cases/hooks.case.ts | could not create the model group',
          'module | conformance:main | - | loading cases/broken.case.ts | fixtures/models/y/card.yaml: probes[0].text: expected a string',
          'unhandled | conformance:main | card-d | uncaught exception during "lifecycle.register" in cases/unhandled.case.ts | socket hang up after the check returned',
        ].sort(),
      );
      // own-tests is not a conformance project: its afterAll error is Vitest's business, not the conformance report's.
      expect(report.projects).toEqual([
        { project: 'conformance:main', target: 'fixture target', passed: 5, failed: 6, skipped: 3, errors: 4 },
      ]);
      expect(report.run).toMatchObject({ outcome: 'failed', interrupted: false, endReason: 'failed' });

      const byId = new Map(report.cases.map((c) => [`${c.meta.card}:${c.meta.check}`, c]));
      expect(byId.get('card-b:lifecycle.register')).toMatchObject({
        status: 'skipped',
        message: "not run: its describe's beforeAll failed: could not create the model group",
      });
      expect(byId.get('card-c:lifecycle.register')?.failure).toEqual({
        message: "POST /_plugins/_ml/models/_register → 400: URL can't match trusted url regex",
        request: { method: 'POST', path: '/_plugins/_ml/models/_register', status: 400, role: 'failed' },
      });

      const markdown = run.file('compat-matrix.md');
      expect(markdown).toMatch(/^\| card-a \| `lifecycle\.register` \| ✅ \|$/m);
      expect(markdown).toMatch(/^\| {2}\| \*\*errors outside checks\*\* \| ❌ \[1\] \|$/m);
      expect(markdown).toContain('1. error outside checks: afterAll of "audited · card-a" in cases/hooks.case.ts');
      expect(markdown).toContain('| conformance:main | fixture target | 5 | 6 | 3 | 4 |');
      expect(run.stepSummary()).toBe(`${markdown}\n`);

      const html = run.html();
      expect(html).toMatch(/<tr class="error-row" data-card="card-a" data-check="errors outside checks">/);
      expect(html).toContain('<span class="badge failed" id="outcome">FAILED</span>');
      expect(run.output).toContain(
        '[omlc] conformance:main (fixture target): 5 passed, 6 failed (4 outside checks), 3 skipped',
      );
    },
  );

  it(
    'reports a failed global setup with its message, replacing the previous run’s reports',
    { timeout: TIMEOUT },
    async () => {
      const run = await runFixture({ projects: ['conformance:setup-fails'], stale: true });
      expect(run.exitCode, run.output).not.toBe(0);
      const report = run.report();
      expect(report.runId).toBe(run.runId);
      expect(errorSummary(report.errors)).toEqual([
        'global-setup | conformance:setup-fails | - | global setup of conformance:setup-fails | fixtures/models/x/card.yaml: model_config.embedding_dimension: expected a positive integer',
      ]);
      expect(report.projects).toMatchObject([{ project: 'conformance:setup-fails', failed: 1, errors: 1 }]);
      expect(run.file('compat-matrix.md')).toContain('model_config.embedding_dimension: expected a positive integer');
    },
  );

  it(
    'rewrites the reports after a failed global teardown (the end-of-run leak audit)',
    { timeout: TIMEOUT },
    async () => {
      const run = await runFixture({ projects: ['conformance:teardown-fails'], stepSummary: true });
      expect(run.exitCode, run.output).not.toBe(0);
      const report = run.report();
      expect(errorSummary(report.errors)).toEqual([
        'global-teardown | conformance:teardown-fails | - | global teardown of conformance:teardown-fails | leak audit: 2 resource(s) with run id fixture-run remain',
      ]);
      expect(report.projects).toMatchObject([{ passed: 1, failed: 1, errors: 1 }]);
      expect(run.output).toContain('[omlc] after the global teardowns:');
      // The step summary is written once, with the final report.
      expect(run.stepSummary()).toBe(`${run.file('compat-matrix.md')}\n`);
    },
  );

  it('writes the reports for a run without a single conformance case', { timeout: TIMEOUT }, async () => {
    const run = await runFixture({ projects: ['own-tests'], stale: true });
    const report = run.report();
    expect(report).toMatchObject({ runId: run.runId, cases: [], errors: [], projects: [] });
    expect(report.run.outcome).toBe('passed');
    expect(run.file('compat-matrix.md')).toContain('No conformance cases ran.');
    expect(run.html()).toContain('No conformance cases ran.');
  });

  it.for(['SIGINT', 'SIGTERM'] as const)(
    'marks a run ended by %s interrupted, with the cases finished so far',
    { timeout: TIMEOUT },
    async (signal) => {
      const run = await runFixture({ projects: ['conformance:slow'], signal, stale: true, stepSummary: true });
      expect(run.exitSignal ?? run.exitCode).not.toBe(0);
      const report = run.report();
      expect(report.runId).toBe(run.runId);
      expect(report.run).toMatchObject({
        outcome: 'interrupted',
        interrupted: true,
        endReason: 'the process exited before the run ended (signal or process.exit)',
      });
      expect(report.cases.map((c) => [c.meta.check, c.status, c.message])).toEqual([
        ['lifecycle.deploy', 'pending', 'did not finish'],
        ['lifecycle.register', 'passed', undefined],
      ]);
      expect(run.html()).toContain('<dd id="interrupted">yes — the process exited before the run ended');
      expect(run.stepSummary()).toContain(`# Conformance run ${run.runId}: INTERRUPTED`);
    },
  );

  it(
    'leaves a "not ended" report, not the previous run’s, when the process is killed outright',
    { timeout: TIMEOUT },
    async () => {
      const run = await runFixture({ projects: ['conformance:slow'], signal: 'SIGKILL', stale: true });
      const report = run.report();
      expect(report.runId).toBe(run.runId);
      expect(report.run).toMatchObject({
        outcome: 'interrupted',
        endReason: 'not ended yet (still running, or killed)',
      });
    },
  );

  it('marks a cancelled run (--bail) interrupted with the reason', { timeout: TIMEOUT }, async () => {
    const run = await runFixture({ projects: ['conformance:main'], args: ['--bail', '1'] });
    expect(run.exitCode, run.output).not.toBe(0);
    expect(run.report().run).toMatchObject({
      outcome: 'interrupted',
      interrupted: true,
      endReason: 'cancelled: test-failure',
    });
  });
});
