/**
 * Fail fast, fail once (issue 9): a run that cannot work says so in one message, quickly, exits non-zero, and
 * rewrites the reports — a previous run's results never stay behind looking current. Each case is a child Vitest run
 * as a user would start it; none needs a cluster.
 * - an unreachable OPENSEARCH_URL (nothing listening): ≤ 10 s, refused at once, the URL named;
 * - a bad card (a static check at card load, in a folder given by OMLC_CARDS_DIR): before any cluster starts, even
 *   with a native target requested, without Vitest's 10 s close wait.
 * (A bad drift baseline is the upgrade helper's input; it joins run-inputs.ts when baselines are on main.)
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFromRepo } from '../models/repo-paths.ts';
import type { ConformanceReport } from '../report/report-model.ts';
import { startChildVitest } from './child-vitest.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'omlc-fail-fast-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A reports dir holding a previous run's report, which the failed run must replace. */
function staleReports(name: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'conformance.json'), JSON.stringify({ runId: 'r-previous-run', cases: [] }));
  return dir;
}

function report(dir: string): ConformanceReport {
  return JSON.parse(readFileSync(path.join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 9;
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('fail fast, fail once', () => {
  it('an unreachable OPENSEARCH_URL fails the run within 10 s, with one message and fresh reports', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const reports = staleReports('unreachable');
    const t0 = performance.now();
    const run = startChildVitest(['--project', 'live:external'], {
      ML_TARGET: 'external',
      OPENSEARCH_URL: url,
      OMLC_RUN_ID: 'rfailfast-url',
      OMLC_REPORTS_DIR: reports,
    });
    const { code, at } = await run.exited;
    const output = run.output();
    const seconds = (at - t0) / 1000;
    console.log(
      `[fail-fast] unreachable URL: exit ${code} after ${seconds.toFixed(1)} s, ${output.split('\n').length} lines`,
    );
    const message = `nothing is listening at ${url} (connection refused)`;
    expect(code, output).toBe(1);
    expect(count(output, message), output).toBe(1);
    expect(output).not.toMatch(/ECONNREFUSED.*\n.*ECONNREFUSED|close timed out|Unhandled Error|\s+at .*\.ts:\d+/);
    expect(seconds).toBeLessThan(10);
    expect(report(reports)).toMatchObject({ runId: 'rfailfast-url', aborted: { kind: 'target-failed' } });
    expect(report(reports).aborted?.message).toContain(message);
  });

  it('a bad card stops the run before any cluster starts: one message, exit 1, fresh reports', async () => {
    const cards = path.join(scratch, 'cards');
    cpSync(resolveFromRepo('fixtures/models/tiny-onnx-sym'), path.join(cards, 'broken'), { recursive: true });
    const file = path.join(cards, 'broken', 'card.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('model_max_length: 64', 'model_max_length: 48'));
    const reports = staleReports('bad-card');
    const t0 = performance.now();
    // A native target is asked for: the card must stop the run before it is even looked for.
    const run = startChildVitest(['--project', 'offline:3.x', '--project', 'live:*'], {
      ML_TARGET: 'native',
      OPENSEARCH_VERSIONS: '3.6.0',
      OMLC_CARDS_DIR: cards,
      ML_CARDS: 'broken',
      OMLC_RUN_ID: 'rfailfast-card',
      OMLC_REPORTS_DIR: reports,
    });
    const { code, at } = await run.exited;
    const output = run.output();
    const seconds = (at - t0) / 1000;
    console.log(`[fail-fast] bad card: exit ${code} after ${seconds.toFixed(1)} s, ${output.split('\n').length} lines`);
    const message = `${file}: model_config.model_max_length: is 48 but tokenizer.json truncates at 64 tokens`;
    expect(code, output).toBe(1);
    expect(count(output, message), output).toBe(1);
    expect(output).not.toMatch(/starting pid|live:3\.6\.0 → native|No test files found|close timed out/);
    expect(seconds).toBeLessThan(20);
    expect(report(reports)).toMatchObject({ runId: 'rfailfast-card', aborted: { kind: 'bad-input' } });
  });
});
