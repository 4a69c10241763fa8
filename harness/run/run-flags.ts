/**
 * What Vitest's main process tells the test workers (other processes) about an aborted run, and what they tell it
 * back: small files in a per-run directory under the system temp dir. `abort.json` says why the run stops (a worker
 * skips what is left with that reason, and knows whether its cluster is gone), `hurry` that a second signal asked
 * clean-up to hurry, `released-<pid>.jsonl` what each worker released. Files, because the main process cannot message
 * a worker through Vitest, and because a worker must learn this even while its own event loop is busy.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunAbort } from './run-state.ts';

export function runFlagsDir(runId: string): string {
  return path.join(tmpdir(), 'opensearch-ml-conformance', `run-${runId}`);
}

/** At the start of a run: a reused run id (`OMLC_RUN_ID`) must not see an earlier run's flags. */
export function resetRunFlags(runId: string): void {
  removeRunFlags(runId);
  mkdirSync(runFlagsDir(runId), { recursive: true });
}

export function removeRunFlags(runId: string): void {
  rmSync(runFlagsDir(runId), { recursive: true, force: true });
}

const abortFile = (runId: string): string => path.join(runFlagsDir(runId), 'abort.json');
const hurryFile = (runId: string): string => path.join(runFlagsDir(runId), 'hurry');

export function writeAbortFlag(runId: string, abort: RunAbort): void {
  mkdirSync(runFlagsDir(runId), { recursive: true });
  writeFileSync(abortFile(runId), `${JSON.stringify(abort)}\n`);
}

export function readAbortFlag(runId: string): RunAbort | undefined {
  try {
    return JSON.parse(readFileSync(abortFile(runId), 'utf8')) as RunAbort;
  } catch {
    return undefined;
  }
}

export function writeHurryFlag(runId: string): void {
  mkdirSync(runFlagsDir(runId), { recursive: true });
  writeFileSync(hurryFile(runId), '');
}

export function hurryFlagSet(runId: string): boolean {
  return existsSync(hurryFile(runId));
}

/** A worker's record of what it released for `project` (one line each). */
export function appendReleased(runId: string, project: string, lines: readonly string[], pid = process.pid): void {
  if (lines.length === 0) {
    return;
  }
  mkdirSync(runFlagsDir(runId), { recursive: true });
  const records = lines.map((line) => `${JSON.stringify({ project, line })}\n`).join('');
  appendFileSync(path.join(runFlagsDir(runId), `released-${pid}.jsonl`), records);
}

export function readReleased(runId: string, project: string): string[] {
  const dir = runFlagsDir(runId);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.startsWith('released-'));
  } catch {
    return [];
  }
  const lines: string[] = [];
  for (const file of files.sort()) {
    for (const raw of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (raw.trim() === '') {
        continue;
      }
      const record = JSON.parse(raw) as { project?: string; line?: string };
      if (record.project === project && typeof record.line === 'string') {
        lines.push(record.line);
      }
    }
  }
  return lines;
}
