import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildMatrix } from './compat-matrix.ts';
import { sampleReport } from './testing/sample-report.ts';
import { REPORT_FILES, writeReports } from './write-reports.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'omlc-write-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('writes every report file of one report into a new folder, and nothing half-written beside them', () => {
  const report = sampleReport();
  const out = path.join(dir, 'nested', 'reports');
  const markdown = writeReports(out, report);
  expect(readdirSync(out).sort()).toEqual([...REPORT_FILES].sort());
  const read = (name: string): string => readFileSync(path.join(out, name), 'utf8');
  expect(JSON.parse(read('conformance.json'))).toEqual(report);
  expect(JSON.parse(read('compat-matrix.json'))).toEqual(JSON.parse(JSON.stringify(buildMatrix(report))));
  expect(read('compat-matrix.md')).toBe(markdown);
  expect(read('index.html').startsWith('<!doctype html>')).toBe(true);
});
