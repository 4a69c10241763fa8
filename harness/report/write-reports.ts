/**
 * Writes every conformance report file from one report. Synchronous on purpose: the reporter also writes from the
 * process's `exit` event (a run ended by a signal), where nothing asynchronous runs any more.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildMatrix } from './compat-matrix.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import type { ConformanceReport } from './report-model.ts';

export const REPORT_FILES = ['conformance.json', 'compat-matrix.json', 'compat-matrix.md', 'index.html'] as const;

/** Write to a temporary name, then rename: a reader never sees half a file, even if the process dies mid-write. */
function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/** Returns the Markdown it wrote (what the GitHub step summary gets). */
export function writeReports(dir: string, report: ConformanceReport): string {
  const matrix = buildMatrix(report);
  const markdown = renderMarkdown(report, matrix);
  mkdirSync(dir, { recursive: true });
  writeAtomically(path.join(dir, 'conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeAtomically(path.join(dir, 'compat-matrix.json'), `${JSON.stringify(matrix, null, 2)}\n`);
  writeAtomically(path.join(dir, 'compat-matrix.md'), markdown);
  writeAtomically(path.join(dir, 'index.html'), renderHtml(report, matrix));
  return markdown;
}
