/** Baselines, drift and the in-place upgrade rehearsal (harness/drift, harness/baseline, harness/upgrade). */
import { EnvValueError, flag, pathVar, type EnvVar } from './env-var.ts';

export interface UpgradePath {
  readonly from: string;
  readonly to: string;
}

export const DEFAULT_UPGRADE_PATH: UpgradePath = { from: '2.19.6', to: '3.6.0' };

const VERSION = /^\d+\.\d+\.\d+$/;

/** `2.19.6→3.6.0` (or `2.19.6->3.6.0`); `none` turns the rehearsal project off. */
export function parseUpgradePath(raw: string): UpgradePath | 'none' {
  const value = raw.trim();
  if (value.toLowerCase() === 'none') {
    return 'none';
  }
  const [from = '', to = '', ...rest] = value.split(/\s*(?:→|->)\s*/);
  if (rest.length > 0 || !VERSION.test(from) || !VERSION.test(to)) {
    throw new EnvValueError(
      `${JSON.stringify(raw)} is not an upgrade path; use <from>→<to> (or <from>-><to>) with full versions, e.g. ` +
        '2.19.6→3.6.0, or none',
    );
  }
  if (from === to) {
    throw new EnvValueError(`${JSON.stringify(raw)} upgrades ${from} to itself; give two different versions`);
  }
  return { from, to };
}

const upgradePath: EnvVar<UpgradePath | 'none'> = {
  type: 'upgrade path',
  doc: 'the in-place upgrade rehearsal (native target): `<from>→<to>` or `none`',
  shownDefault: '`2.19.6→3.6.0`',
  secret: false,
  unset: () => DEFAULT_UPGRADE_PATH,
  parse: parseUpgradePath,
};

export const DRIFT_VARS = {
  OMLC_BASELINE: pathVar({
    doc: 'compare this run with a baseline file (the `drift.*` checks)',
    shownDefault: '—',
  }),
  OMLC_BASELINE_OUT: pathVar({
    doc: 'write this run as a baseline file (set by `ml-conformance baseline record --out`)',
    shownDefault: '—',
  }),
  OMLC_DRIFT_FAIL_ON_TIME: flag({
    doc: 'a deploy/predict slower than the baseline by more than the card’s factor fails `drift.timing`',
    fallback: false,
  }),
  OMLC_UPGRADE: upgradePath,
} as const;
