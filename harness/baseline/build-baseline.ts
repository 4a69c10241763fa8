/**
 * Builds and writes the baseline file of one run: the project's recording plus every check's verdict with its phase
 * timings. The file is validated against the same schema `loadBaseline` uses before it is written, so a baseline this
 * tool writes can always be read back.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunRecording } from '../drift/run-recording.ts';
import { BaselineError } from './baseline-error.ts';
import { BASELINE_FORMAT, baselineFileSchema, type BaselineFile } from './baseline-schema.ts';
import { checkBaselineRules } from './load-baseline.ts';
import { verdictKey, type CheckVerdict } from './verdict-regressions.ts';
import { parseWithIssues } from '../models/zod-issues.ts';

export interface PhaseTimingRecord {
  readonly phase: string;
  readonly wallMs: number;
  readonly serverMs?: number;
  readonly ok: boolean;
}

export interface CheckRecord extends CheckVerdict {
  readonly timings?: readonly PhaseTimingRecord[];
}

export interface BaselineInput {
  readonly runId: string;
  readonly recordedAt: Date;
  readonly recording: RunRecording;
  readonly checks: readonly CheckRecord[];
}

export function buildBaseline(input: BaselineInput): BaselineFile {
  const { recording } = input;
  return {
    format: BASELINE_FORMAT,
    recordedAt: input.recordedAt.toISOString(),
    runId: input.runId,
    project: recording.project,
    cluster: { ...recording.cluster },
    cards: [...recording.cards]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((card) => ({
        id: card.id,
        format: card.format,
        sha256: card.sha256,
        modelConfig: { ...card.modelConfig },
        timings: { ...card.timings },
        embeddings: card.embeddings.map((e) => ({
          probe: e.probe,
          contentType: e.contentType,
          dtype: e.dtype,
          shape: [...e.shape],
          vector: [...e.vector],
        })),
      })),
    checks: [...input.checks]
      .sort((a, b) => verdictKey(a).localeCompare(verdictKey(b)))
      .map((check) => ({
        suite: check.suite,
        card: check.card,
        check: check.check,
        ...(check.variant === undefined ? {} : { variant: check.variant }),
        status: check.status,
        ...(check.message === undefined ? {} : { message: check.message }),
        ...(check.timings === undefined ? {} : { timings: check.timings.map((t) => ({ ...t })) }),
      })),
  };
}

/** Validates, then writes atomically (temp file + rename), so an interrupted write never leaves half a baseline. */
export async function writeBaseline(path: string, baseline: BaselineFile): Promise<void> {
  const parsed = parseWithIssues(baselineFileSchema, baseline, path);
  const issues = parsed.ok ? checkBaselineRules(parsed.value, path) : parsed.issues;
  if (issues.length > 0) {
    throw new BaselineError(issues);
  }
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, `${JSON.stringify(baseline, null, 2)}\n`);
  await rename(temp, path);
}
