import { describe, expect, it } from 'vitest';
import { parseRunConfig, RunConfigError } from './run-config.ts';

describe('drift and upgrade variables', () => {
  it('defaults: no baseline, timings reported only, the 2.19.6→3.6.0 rehearsal', () => {
    const config = parseRunConfig({});
    expect(config.OMLC_BASELINE).toBeUndefined();
    expect(config.OMLC_BASELINE_OUT).toBeUndefined();
    expect(config.OMLC_DRIFT_FAIL_ON_TIME).toBe(false);
    expect(config.OMLC_UPGRADE).toEqual({ from: '2.19.6', to: '3.6.0' });
  });

  it.each([
    ['2.19.1→3.6.0', { from: '2.19.1', to: '3.6.0' }],
    [' 2.19.6 -> 3.6.0 ', { from: '2.19.6', to: '3.6.0' }],
    ['NONE', 'none'],
  ])('reads OMLC_UPGRADE=%s', (raw, expected) => {
    expect(parseRunConfig({ OMLC_UPGRADE: raw }).OMLC_UPGRADE).toEqual(expected);
  });

  it.each([
    [
      '3.6.0',
      '"3.6.0" is not an upgrade path; use <from>→<to> (or <from>-><to>) with full versions, e.g. 2.19.6→3.6.0, or none',
    ],
    [
      '2.19→3.6',
      '"2.19→3.6" is not an upgrade path; use <from>→<to> (or <from>-><to>) with full versions, e.g. 2.19.6→3.6.0, or none',
    ],
    ['3.6.0→3.6.0', '"3.6.0→3.6.0" upgrades 3.6.0 to itself; give two different versions'],
  ])('refuses OMLC_UPGRADE=%s with what it accepts', (raw, problem) => {
    try {
      parseRunConfig({ OMLC_UPGRADE: raw });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RunConfigError);
      expect((error as RunConfigError).problems).toEqual([{ variable: 'OMLC_UPGRADE', problem }]);
    }
  });

  it('resolves baseline paths against the working directory', () => {
    expect(parseRunConfig({ OMLC_BASELINE: 'baselines/prod.json' }).OMLC_BASELINE).toBe(
      `${process.cwd()}/baselines/prod.json`,
    );
  });
});
