/**
 * The drift part of the end-of-run reports, called by the conformance reporter: `drift.json` + `drift.md` (every
 * comparison the cases attached, worst first, plus notes and checks that regressed since the baseline), and — when the
 * run records one (`OMLC_BASELINE_OUT`) — the baseline file, from the one project whose embeddings were recorded.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildBaseline, writeBaseline, type CheckRecord } from '../baseline/build-baseline.ts';
import { loadBaseline } from '../baseline/load-baseline.ts';
import { verdictRegressions } from '../baseline/verdict-regressions.ts';
import type { RunConfig } from '../config/run-config.ts';
import { errorMessage } from '../errors/error-message.ts';
import type { CaseResult } from '../report/report-model.ts';
import { buildDriftReport, renderDriftMarkdown, type DriftNote, type DriftReport } from './drift-report.ts';
import { EmbeddingStore, embeddingStoreDir } from './embedding-store.ts';

export interface DriftOutputsInput {
  readonly runId: string;
  readonly now: Date;
  readonly cases: readonly CaseResult[];
  readonly config: Pick<RunConfig, 'OMLC_BASELINE' | 'OMLC_BASELINE_OUT'>;
  readonly reportsDir: string;
  /** Where the drift suites left their recordings (default: this run's store). */
  readonly store?: EmbeddingStore;
}

export interface DriftOutputs {
  readonly report: DriftReport;
  /** Summary lines for the console. */
  readonly lines: readonly string[];
}

function checkRecord(c: CaseResult): CheckRecord {
  return {
    suite: c.meta.suite,
    card: c.meta.card,
    check: c.meta.check,
    ...(c.meta.variant === undefined ? {} : { variant: c.meta.variant }),
    status: c.status,
    ...(c.message === undefined ? {} : { message: c.message }),
    ...(c.meta.timings === undefined ? {} : { timings: c.meta.timings }),
  };
}

/** Checks that passed in the baseline and fail now, per project; the drift checks themselves are not counted. */
function regressionNotes(baselineFile: string, cases: readonly CaseResult[]): DriftNote[] {
  const baseline = loadBaseline(baselineFile);
  const projects = [...new Set(cases.map((c) => c.project))];
  return projects.flatMap((project) => {
    const now = cases.filter((c) => c.project === project && !c.meta.check.startsWith('drift.')).map(checkRecord);
    return verdictRegressions(baseline.checks, now).map((r) => ({
      kind: 'regression' as const,
      card: r.key.split(':')[1] ?? '-',
      text: `${project}: ${r.key} passed in ${baseline.file}, now ${r.now}${r.message === undefined ? '' : `: ${r.message}`}`,
    }));
  });
}

async function recordBaseline(input: DriftOutputsInput, out: string): Promise<string> {
  const store = input.store ?? new EmbeddingStore(embeddingStoreDir(input.runId));
  const recordings = await store.readAll();
  const [recording, ...others] = recordings;
  if (recording === undefined) {
    return `baseline NOT written to ${out}: no project recorded embeddings (drift.record skipped or failed everywhere)`;
  }
  if (others.length > 0) {
    return (
      `baseline NOT written to ${out}: ${recordings.map((r) => r.project).join(', ')} all recorded embeddings; a ` +
      'baseline is one cluster: run one project (e.g. --versions 3.6.0, or --project live:<version>)'
    );
  }
  const checks = input.cases.filter((c) => c.project === recording.project).map(checkRecord);
  await writeBaseline(out, buildBaseline({ runId: input.runId, recordedAt: input.now, recording, checks }));
  return `baseline written to ${out} (${recording.project}, ${recording.cluster.target}: ${recording.cards.length} card(s), ${checks.length} check verdicts)`;
}

export async function writeDriftOutputs(input: DriftOutputsInput): Promise<DriftOutputs> {
  const lines: string[] = [];
  const entries = input.cases.flatMap((c) => c.meta.drift?.entries ?? []);
  const notes = input.cases.flatMap((c) => c.meta.drift?.notes ?? []);
  if (input.config.OMLC_BASELINE !== undefined) {
    try {
      notes.push(...regressionNotes(input.config.OMLC_BASELINE, input.cases));
    } catch (error) {
      // The drift suite already failed on a bad baseline with every problem listed; say why nothing is listed here.
      lines.push(`no verdict regressions computed: ${errorMessage(error).split('\n', 1)[0] ?? ''}`);
    }
  }
  const report = buildDriftReport({ runId: input.runId, now: input.now, entries, notes });
  await writeFile(path.join(input.reportsDir, 'drift.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(input.reportsDir, 'drift.md'), renderDriftMarkdown(report));
  const failed = report.entries.filter((e) => !e.ok).length;
  if (report.entries.length > 0) {
    lines.push(`drift: ${report.entries.length} comparisons, ${failed} beyond tolerance (drift.md)`);
  }
  const regressions = notes.filter((n) => n.kind === 'regression').length;
  if (regressions > 0) {
    lines.push(`drift: ${regressions} check(s) passed in the baseline and fail now (drift.md)`);
  }
  if (input.config.OMLC_BASELINE_OUT !== undefined) {
    lines.push(await recordBaseline(input, input.config.OMLC_BASELINE_OUT));
  }
  return { report, lines };
}
