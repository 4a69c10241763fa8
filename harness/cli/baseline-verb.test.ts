import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usageError } from './testing/usage-error.ts';
import { baselineVerb, planBaseline } from './baseline-verb.ts';
import type { CliContext } from './verb.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'omlc-baseline-cli-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
// The plans depend on the target variables: start every test from none set (the suite may run under ML_TARGET=none).
beforeEach(() => {
  vi.stubEnv('OPENSEARCH_VERSIONS', '');
  vi.stubEnv('OPENSEARCH_URL', '');
  vi.stubEnv('ML_TARGET', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('planBaseline', () => {
  it('record: one live project, the baseline path made absolute from where the user stands', () => {
    expect(planBaseline(['record', '--out', 'baselines/prod-2.19.json', '--versions', '2.19.6'], '/home/u')).toEqual({
      action: 'record',
      file: '/home/u/baselines/prod-2.19.json',
      env: { OPENSEARCH_VERSIONS: '2.19.6', OMLC_BASELINE_OUT: '/home/u/baselines/prod-2.19.json' },
      vitestArgs: ['run', '--project', 'live:2.19.6'],
    });
    expect(
      planBaseline(['record', '--out', '/b.json', '--url', 'https://prod:9200', '--', '--bail=1'], '/x').vitestArgs,
    ).toEqual(['run', '--project', 'live:external', '--bail=1']);
  });

  it('record refuses a run of several clusters and a run without one, saying what to pass', () => {
    expect(usageError(() => planBaseline(['record', '--out', 'b.json']))).toBe(
      'a baseline records one cluster, and this run would start live:2.19.6, live:3.6.0: pass --versions <one version> or --url <cluster>',
    );
    expect(usageError(() => planBaseline(['record', '--out', 'b.json', '--target', 'none']))).toBe(
      'ML_TARGET=none leaves no cluster to record; give a live target (--target, --url) or --simulator <profile>',
    );
    expect(usageError(() => planBaseline(['record', '--versions', '3.6.0']))).toBe(
      'baseline record needs --out <file>',
    );
  });

  it('compare: every live version of the run against the file; --simulator picks one profile', () => {
    expect(planBaseline(['compare', 'baselines/prod-2.19.json'], '/home/u')).toEqual({
      action: 'compare',
      file: '/home/u/baselines/prod-2.19.json',
      env: { OMLC_BASELINE: '/home/u/baselines/prod-2.19.json' },
      vitestArgs: ['run', '--project', 'live:2.19.6', '--project', 'live:3.6.0'],
    });
    expect(planBaseline(['compare', 'b.json', '--simulator', '3.x'], '/h').vitestArgs).toEqual([
      'run',
      '--project',
      'offline:3.x',
    ]);
    expect(usageError(() => planBaseline(['compare', 'b.json', '--simulator', '4.x']))).toMatch(
      /^--simulator: "4\.x" is not a profile; use one of: .*3\.x/,
    );
    expect(usageError(() => planBaseline(['compare', '--versions', '3.6.0']))).toBe(
      'baseline compare needs the baseline file: ml-conformance baseline compare <file>',
    );
    expect(usageError(() => planBaseline(['diff']))).toBe('unknown baseline action diff');
  });
});

describe('baseline compare', () => {
  it('refuses a broken baseline before starting anything, with the field path', async () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ format: 'opensearch-ml-conformance/baseline@1' }));
    let errors = '';
    const cli: CliContext = { root: '/nonexistent', out: () => undefined, err: (text) => (errors += text) };
    expect(await baselineVerb.run(['compare', file, '--simulator', '3.x'], cli)).toBe(2);
    expect(errors).toContain('ml-conformance baseline compare: the baseline cannot be used:\n');
    expect(errors).toContain(': cluster: required field is missing');
  });
});
