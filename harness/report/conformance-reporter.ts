/**
 * Vitest reporter that writes the conformance report (JSON), the compatibility matrix (JSON + Markdown) into
 * reports/, and prints one summary line per target. Only tests carrying `meta.conformance` are reported; the
 * project's own unit tests are left to the default reporters.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';
import './case-meta.ts';
import { runConfig } from '../config/run-config.ts';
import { writeDriftOutputs } from '../drift/drift-outputs.ts';
import { buildMatrix, renderMatrixMarkdown } from './compat-matrix.ts';
import { runOutcome } from '../run/run-state.ts';
import { buildReport, caseId, type CaseResult, type CaseStatus } from './report-model.ts';
import '../config/provided-context.ts';

function targetLabel(testCase: TestCase): string {
  const provided = testCase.project.getProvidedContext();
  // Projects whose globalSetup failed never provided a target.
  return 'target' in provided && provided.target !== undefined ? provided.target.label : 'target not resolved';
}

/** What Vitest writes on every case it skips when a run is cancelled (`TestRunAbortError`). */
const VITEST_CANCEL_NOTE = 'The test run was aborted by the user.';

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

export function toCaseResult(testCase: TestCase): CaseResult | undefined {
  const meta = testCase.meta().conformance;
  if (meta === undefined) {
    return undefined;
  }
  const result = testCase.result();
  const status: CaseStatus = result.state;
  let message: string | undefined;
  if (result.state === 'skipped') {
    message = result.note ?? (testCase.options.mode === 'skip' ? 'skipped' : undefined);
  } else if (result.state === 'failed') {
    message = firstLine(result.errors[0]?.message ?? 'failed');
  }
  const base = {
    caseId: caseId(testCase.project.name, meta),
    project: testCase.project.name,
    target: targetLabel(testCase),
    meta,
    title: testCase.fullName,
    status,
    durationMs: Math.round(testCase.diagnostic()?.duration ?? 0),
  };
  return message === undefined ? base : { ...base, message };
}

export default class ConformanceReporter implements Reporter {
  private root = process.cwd();
  private runId = 'unknown-run';

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
    this.runId = vitest.getProvidedContext().runId;
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    const cases: CaseResult[] = [];
    for (const module of testModules) {
      for (const testCase of module.children.allTests()) {
        const result = toCaseResult(testCase);
        if (result !== undefined) {
          cases.push(result);
        }
      }
    }
    // An aborted run (a bad card, an unreachable cluster, Ctrl-C) rewrites the reports even with no case, so the
    // previous run's results never stay behind looking current.
    const abort = runOutcome().abort;
    if (cases.length === 0 && abort === undefined) {
      return;
    }
    const now = new Date();
    const config = runConfig();
    const aborted = abort === undefined ? undefined : { kind: abort.kind, message: abort.message };
    // Cases Vitest skipped when the run was cancelled carry its generic note; the run's own reason says why.
    const explained =
      abort === undefined
        ? cases
        : cases.map((c) => (c.message === VITEST_CANCEL_NOTE ? { ...c, message: abort.message } : c));
    const report = buildReport(this.runId, explained, now, aborted);
    const matrix = buildMatrix(report);
    const dir = path.resolve(this.root, config.OMLC_REPORTS_DIR);
    await mkdir(dir, { recursive: true });
    const drift = await writeDriftOutputs({ runId: this.runId, now, cases, config, reportsDir: dir });
    await writeFile(
      path.join(dir, 'conformance.json'),
      `${JSON.stringify({ ...report, drift: drift.report }, null, 2)}\n`,
    );
    await writeFile(path.join(dir, 'compat-matrix.json'), `${JSON.stringify(matrix, null, 2)}\n`);
    await writeFile(path.join(dir, 'compat-matrix.md'), renderMatrixMarkdown(matrix));
    for (const p of report.projects) {
      console.log(`[omlc] ${p.project} (${p.target}): ${p.passed} passed, ${p.failed} failed, ${p.skipped} skipped`);
    }
    for (const line of drift.lines) {
      console.log(`[omlc] ${line}`);
    }
    console.log(
      `[omlc] reports: ${path.relative(process.cwd(), dir) || '.'}/{conformance.json,compat-matrix.md,compat-matrix.json,drift.md,drift.json,junit.xml}`,
    );
  }
}
