import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../config/run-config.ts';
import { testTarget } from '../targets/testing/test-target.ts';
import { driftPlan, driftSkipReason } from './drift-plan.ts';

const native = testTarget({ kind: 'native' });
const simulator = testTarget({ label: 'simulator 3.x' });

describe('driftPlan', () => {
  it('knows the live versions of the run (none for an external cluster or ML_TARGET=none)', () => {
    expect(driftPlan(parseRunConfig({})).liveVersions).toEqual(['2.19.6', '3.6.0']);
    expect(driftPlan(parseRunConfig({ OPENSEARCH_VERSIONS: '3.6.0' })).liveVersions).toEqual(['3.6.0']);
    expect(driftPlan(parseRunConfig({ OPENSEARCH_URL: 'http://x:9200' })).liveVersions).toEqual([]);
    expect(driftPlan(parseRunConfig({ ML_TARGET: 'none' })).liveVersions).toEqual([]);
  });
});

describe('driftSkipReason', () => {
  const twoVersions = driftPlan(parseRunConfig({}));
  const oneVersion = driftPlan(parseRunConfig({ OPENSEARCH_VERSIONS: '3.6.0' }));
  const withBaseline = driftPlan(parseRunConfig({ OPENSEARCH_VERSIONS: '3.6.0', OMLC_BASELINE: '/b.json' }));
  const recording = driftPlan(parseRunConfig({ ML_TARGET: 'none', OMLC_BASELINE_OUT: '/out.json' }));

  it('baseline checks run only with a baseline file, and say how to give one', () => {
    expect(driftSkipReason('baseline', native, withBaseline)).toBeUndefined();
    expect(driftSkipReason('baseline', native, twoVersions)).toBe(
      'no baseline to compare with: set OMLC_BASELINE=<file> or run `npx ml-conformance baseline compare <file>`',
    );
  });

  it('cross-version checks run on live targets of a run with two or more versions', () => {
    expect(driftSkipReason('cross-version', native, twoVersions)).toBeUndefined();
    expect(driftSkipReason('cross-version', native, oneVersion)).toBe(
      'cross-version drift needs two or more live versions in one run (OPENSEARCH_VERSIONS); this run has 3.6.0',
    );
    expect(driftSkipReason('cross-version', simulator, twoVersions)).toMatch(/^cross-version drift compares live/);
  });

  it('recording runs when anything uses it: a baseline to compare, one to write, or another version', () => {
    expect(driftSkipReason('record', native, twoVersions)).toBeUndefined();
    expect(driftSkipReason('record', native, withBaseline)).toBeUndefined();
    expect(driftSkipReason('record', simulator, recording)).toBeUndefined();
    expect(driftSkipReason('record', native, oneVersion)).toBe(
      'nothing to compare embeddings with: no baseline (OMLC_BASELINE), none to record (OMLC_BASELINE_OUT), and not two or more live versions in this run',
    );
    expect(driftSkipReason('record', simulator, twoVersions)).toBeDefined();
  });
});
