/**
 * Vitest reporter that writes the conformance reports (`conformance.json`, `compat-matrix.{json,md}`, `index.html`)
 * and prints one summary line per target — on every run:
 *
 * - at the start it replaces the previous run's reports with a "not ended" one, so a killed run never leaves the
 *   previous results looking current;
 * - at the end with whatever ran, also zero cases;
 * - after the global teardowns again, when a teardown failed (e.g. the end-of-run leak audit);
 * - from the process's `exit` event when the run never reached its end (Ctrl-C, SIGTERM, `process.exit`), marked
 *   `interrupted` with the cases finished so far; a cancelled run (`vitest.cancelCurrentRun`) is marked too.
 *
 * Every error outside a test — hooks, loading a file, global setup/teardown, unhandled errors — is a failure in every
 * report. Only the conformance projects are covered (the `projects` option; the project's own unit tests are left
 * to the default reporters).
 */
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, TestProject, TestRunEndReason, TestSpecification, Vitest } from 'vitest/node';
import { runConfig } from '../config/run-config.ts';
import { writeDriftOutputs } from '../drift/drift-outputs.ts';
import type { DriftReport } from '../drift/drift-report.ts';
import { driftTables } from '../drift/drift-tables.ts';
import { errorMessage } from '../errors/error-message.ts';
import { runOutcome } from '../run/run-state.ts';
import './case-meta.ts';
import '../config/provided-context.ts';
import { channelErrors, collectRun, type CollectedRun } from './collect-run.ts';
import type { DriftTable } from './drift-slot.ts';
import { atExitAfterClose } from './exit-after-close.ts';
import { buildReport, type CaseResult, type ConformanceReport, type RunError, type RunTarget } from './report-model.ts';
import { channelContents, contributeDrift, resetChannel } from './run-channel.ts';
import { writeReports } from './write-reports.ts';

export interface ConformanceReporterOptions {
  /** Vitest projects whose cases and errors the reports cover; default every project. */
  readonly projects?: readonly string[];
}

interface RunState {
  readonly startedAt: Date;
  readonly queued: Map<string, number>;
  readonly modules: Map<string, TestModule>;
  cancelReason?: string;
  ended: boolean;
  /** Channel errors already in the written report (a teardown error after that means a rewrite). */
  channelErrorsWritten: number;
  /** The report written at the run's end (then maybe again after the teardowns). */
  last?: ConformanceReport;
  lastMarkdown?: string;
  stepSummaryWritten: boolean;
  /** The run's embedding comparisons (drift.json), once written at the end. */
  driftReport?: DriftReport;
}

/** What Vitest writes on every case it skips when a run is cancelled (`TestRunAbortError`). */
const VITEST_CANCEL_NOTE = 'The test run was aborted by the user.';

function readHarnessVersion(root: string): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export default class ConformanceReporter implements Reporter {
  private readonly covers: (project: string) => boolean;
  private vitest: Vitest | undefined;
  private root = process.cwd();
  private runId = 'unknown-run';
  private harnessVersion = 'unknown';
  private run: RunState | undefined;
  private readonly onExit = (): void => {
    this.writeAtExit();
  };

  constructor(options: ConformanceReporterOptions = {}) {
    const projects = options.projects === undefined ? undefined : new Set(options.projects);
    this.covers = (project) => projects === undefined || projects.has(project);
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
    this.root = vitest.config.root;
    this.runId = vitest.getProvidedContext().runId;
    this.harnessVersion = readHarnessVersion(this.root);
    vitest.onClose(() => {
      process.off('exit', this.onExit);
      this.rewriteAfterTeardown();
      this.appendStepSummary();
      atExitAfterClose(() => this.rewriteAfterTeardown({ lateAbortOnly: true }));
    });
    process.on('exit', this.onExit);
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    resetChannel();
    const queued = new Map<string, number>();
    for (const spec of specifications) {
      if (this.covers(spec.project.name)) {
        queued.set(spec.project.name, (queued.get(spec.project.name) ?? 0) + 1);
      }
    }
    this.run = {
      startedAt: new Date(),
      queued,
      modules: new Map(),
      ended: false,
      channelErrorsWritten: 0,
      stepSummaryWritten: false,
    };
    // Until this run ends, the reports say so instead of showing the previous run's results.
    this.write({ cases: [], errors: [], drift: [], endReason: 'not ended yet (still running, or killed)' });
  }

  // Vitest replaces a module's entity when the worker has collected it: keep the newest, for a report at exit.
  onTestModuleQueued(module: TestModule): void {
    const run = this.run;
    if (run === undefined) {
      return;
    }
    // Vitest forgets cancel listeners when a run starts (after onTestRunStart): listen from the first queued file.
    if (run.modules.size === 0) {
      this.vitest?.onCancel((reason) => {
        run.cancelReason = reason;
      });
    }
    run.modules.set(module.id, module);
  }

  onTestModuleCollected(module: TestModule): void {
    this.run?.modules.set(module.id, module);
  }

  async onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): Promise<void> {
    const run = this.run;
    if (run === undefined) {
      return;
    }
    for (const module of testModules) {
      run.modules.set(module.id, module);
    }
    run.ended = true;
    const interrupted = reason === 'interrupted';
    const endReason = interrupted
      ? `cancelled${run.cancelReason === undefined ? '' : `: ${run.cancelReason}`}`
      : reason;
    await this.writeDrift(this.collect(unhandledErrors, interrupted).cases);
    const report = this.write({ ...this.collect(unhandledErrors, interrupted), endReason, interrupted });
    this.printSummary(report);
  }

  /** drift.json, drift.md and a recorded baseline; their tables go into every report of this run. */
  private async writeDrift(cases: readonly CaseResult[]): Promise<void> {
    const run = this.run;
    if (run === undefined) {
      return;
    }
    const config = runConfig();
    try {
      const drift = await writeDriftOutputs({
        runId: this.runId,
        now: new Date(),
        cases,
        config,
        reportsDir: path.resolve(this.root, config.OMLC_REPORTS_DIR),
      });
      run.driftReport = drift.report;
      contributeDrift(driftTables(drift.report));
      for (const line of drift.lines) {
        console.log(`[omlc] ${line}`);
      }
    } catch (error) {
      // A baseline that cannot be written is a failure of the run, in every report.
      console.error(`[omlc] drift outputs: ${errorMessage(error)}`);
      process.exitCode = 1;
      contributeDrift([
        {
          title: 'Drift outputs',
          columns: ['problem'],
          rows: [{ cells: [errorMessage(error)], ok: false }],
        },
      ]);
    }
  }

  /**
   * The global teardowns run after the run's end: a teardown that fails (e.g. the leak audit) and a signal that
   * arrives during them (the process then exits 130/143) must show in the reports too.
   */
  private rewriteAfterTeardown(options: { lateAbortOnly?: boolean } = {}): void {
    const run = this.run;
    if (run?.last === undefined) {
      return;
    }
    const abort = runOutcome().abort;
    const abortedLate = abort !== undefined && run.last.aborted === undefined;
    const newErrors = options.lateAbortOnly !== true && channelContents().errors.length !== run.channelErrorsWritten;
    if (!abortedLate && !newErrors) {
      return;
    }
    const { cases, errors: existing, drift, run: info } = run.last;
    const fromChannel = newErrors ? channelErrors(this.covers).slice(run.channelErrorsWritten) : [];
    run.channelErrorsWritten = channelContents().errors.length;
    const report = this.write({
      cases,
      errors: [...existing, ...fromChannel],
      drift,
      endReason: abortedLate ? `${info.endReason}; then ${abort.message} during the clean-up` : info.endReason,
      interrupted: info.interrupted || abortedLate,
    });
    console.log('[omlc] after the global teardowns:');
    this.printSummary(report);
  }

  /** The process is exiting before the run ended (signal, `process.exit`): write what finished, marked interrupted. */
  private writeAtExit(): void {
    const run = this.run;
    if (run === undefined) {
      return;
    }
    if (!run.ended) {
      run.ended = true;
      const collected = this.collect([], true);
      const endReason = 'the process exited before the run ended (signal or process.exit)';
      this.write({ ...collected, endReason, interrupted: true });
    }
    this.appendStepSummary();
  }

  /** GitHub's step summary gets the final report once: after the teardowns, or at exit for an interrupted run. */
  private appendStepSummary(): void {
    const run = this.run;
    const file = runConfig().GITHUB_STEP_SUMMARY;
    if (run?.lastMarkdown === undefined || run.stepSummaryWritten || file === undefined) {
      return;
    }
    run.stepSummaryWritten = true;
    appendFileSync(file, `${run.lastMarkdown}\n`);
  }

  private collect(unhandled: readonly SerializedError[], interrupted: boolean): CollectedRun {
    const run = this.run;
    if (run === undefined) {
      return { cases: [], errors: [], drift: [] };
    }
    const collected = collectRun({
      modules: [...run.modules.values()],
      unhandled,
      root: this.root,
      covers: this.covers,
      queued: run.queued,
      interrupted,
    });
    run.channelErrorsWritten = channelContents().errors.length;
    return collected;
  }

  private targets(): RunTarget[] {
    const run = this.run;
    const projects: readonly TestProject[] = this.vitest?.projects ?? [];
    return projects
      .filter((p) => run?.queued.has(p.name) === true)
      .map((p) => {
        const target = p.getProvidedContext().target;
        if (target === undefined) {
          return { project: p.name, target: 'target not resolved' };
        }
        return target.available
          ? { project: p.name, target: target.label, kind: target.kind, version: target.version }
          : {
              project: p.name,
              target: `${target.label}: ${target.failure === undefined ? 'skipped' : 'FAILED'}`,
              kind: target.kind,
            };
      });
  }

  private write(parts: {
    cases: readonly CaseResult[];
    errors: readonly RunError[];
    drift: readonly DriftTable[];
    endReason: string;
    interrupted?: boolean;
  }): ConformanceReport {
    const now = new Date();
    const startedAt = this.run?.startedAt ?? now;
    const ended = this.run?.ended === true;
    const abort = runOutcome().abort;
    // Cases Vitest skipped when the run was cancelled carry its generic note; the run's own reason says why.
    const cases =
      abort === undefined
        ? parts.cases
        : parts.cases.map((c) => (c.message === VITEST_CANCEL_NOTE ? { ...c, message: abort.message } : c));
    const report = buildReport(
      {
        runId: this.runId,
        cases,
        ...(abort === undefined ? {} : { aborted: { kind: abort.kind, message: abort.message } }),
        ...(this.run?.driftReport === undefined ? {} : { driftReport: this.run.driftReport }),
        errors: parts.errors,
        drift: parts.drift,
        run: {
          startedAt: startedAt.toISOString(),
          durationMs: now.getTime() - startedAt.getTime(),
          // A report written before the run ended describes a run that has not (yet) reached its end.
          interrupted: parts.interrupted ?? !ended,
          endReason: parts.endReason,
          targets: this.targets(),
          versions: {
            node: process.versions.node,
            vitest: this.vitest?.version ?? 'unknown',
            harness: this.harnessVersion,
          },
        },
      },
      now,
    );
    const markdown = writeReports(path.resolve(this.root, runConfig().OMLC_REPORTS_DIR), report);
    if (this.run !== undefined && ended) {
      this.run.last = report;
      this.run.lastMarkdown = markdown;
    }
    return report;
  }

  private printSummary(report: ConformanceReport): void {
    for (const p of report.projects) {
      const errors = p.errors === 0 ? '' : ` (${p.errors} outside checks)`;
      console.log(
        `[omlc] ${p.project} (${p.target}): ${p.passed} passed, ${p.failed} failed${errors}, ${p.skipped} skipped`,
      );
    }
    const dir = path.resolve(this.root, runConfig().OMLC_REPORTS_DIR);
    const relative = path.relative(process.cwd(), dir);
    const shown = relative === '' ? '.' : relative.startsWith('..') ? dir : relative;
    const state = report.run.interrupted ? ` — run INTERRUPTED (${report.run.endReason})` : '';
    console.log(`[omlc] reports: ${shown}/{index.html,compat-matrix.md,conformance.json}${state}`);
  }
}
