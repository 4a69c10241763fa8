import { describe, expect, it } from 'vitest';
import type { Finding } from './preflight.ts';
import { planRegistrationPreflight, registrationAvailability } from './registration-preflight.ts';

const URL_OFF: Finding = {
  severity: 'blocking',
  path: 'url',
  setting: 'plugins.ml_commons.allow_registering_model_via_url',
  problem: 'is false',
  fix: 'PUT …',
  change: { setting: 'plugins.ml_commons.allow_registering_model_via_url', value: true },
};
const UNREACHABLE: Finding = { severity: 'blocking', path: 'url', problem: 'loopback artifact URL', fix: 'set …' };
const LOCAL_OFF: Finding = {
  severity: 'blocking',
  path: 'upload',
  setting: 'plugins.ml_commons.allow_registering_model_via_local_file',
  problem: 'is false',
  fix: 'PUT …',
  change: { setting: 'plugins.ml_commons.allow_registering_model_via_local_file', value: true },
};
const ML_NODE: Finding = {
  severity: 'blocking',
  setting: 'plugins.ml_commons.only_run_on_ml_node',
  problem: 'is true',
  fix: 'PUT …',
  change: { setting: 'plugins.ml_commons.only_run_on_ml_node', value: false },
};
const settings = (plan: { blocking: readonly Finding[] }): (string | undefined)[] =>
  plan.blocking.map((f) => f.setting ?? f.problem);

describe('planRegistrationPreflight', () => {
  it('auto: URL where nothing blocks it; the other path’s problems become notes', () => {
    const plan = planRegistrationPreflight([ML_NODE, LOCAL_OFF], 'auto', false);
    expect(plan).toMatchObject({ via: 'url', neither: false });
    expect(settings(plan)).toEqual([ML_NODE.setting]);
    expect(plan.setAside).toEqual([{ ...LOCAL_OFF, severity: 'note' }]);
  });

  it('auto: upload where URL is blocked (a remote cluster that cannot reach this machine)', () => {
    const plan = planRegistrationPreflight([UNREACHABLE], 'auto', false);
    expect(plan).toMatchObject({ via: 'upload', blocking: [], neither: false });
    expect(plan.setAside).toEqual([{ ...UNREACHABLE, severity: 'note' }]);
  });

  it('auto on defaults: with permission the single local-file setting, without it both paths are named', () => {
    expect(planRegistrationPreflight([URL_OFF, LOCAL_OFF], 'auto', true)).toMatchObject({
      via: 'upload',
      blocking: [LOCAL_OFF],
      neither: false,
    });
    const refused = planRegistrationPreflight([ML_NODE, URL_OFF, LOCAL_OFF], 'auto', false);
    expect(refused.neither).toBe(true);
    expect(settings(refused)).toEqual([ML_NODE.setting, URL_OFF.setting, LOCAL_OFF.setting]);
  });

  it('auto: URL when only URL problems can be fixed by settings (upload refused otherwise)', () => {
    const { change: _change, ...noChange } = LOCAL_OFF;
    expect(planRegistrationPreflight([URL_OFF, noChange], 'auto', true)).toMatchObject({ via: 'url' });
  });

  it('a forced path blocks on its own problems only', () => {
    expect(settings(planRegistrationPreflight([URL_OFF, LOCAL_OFF], 'url', false))).toEqual([URL_OFF.setting]);
    expect(settings(planRegistrationPreflight([URL_OFF, LOCAL_OFF], 'upload', false))).toEqual([LOCAL_OFF.setting]);
  });
});

describe('registrationAvailability', () => {
  it('says what works now, with the blocking problems as the reason', () => {
    expect(registrationAvailability([URL_OFF, UNREACHABLE])).toEqual({
      url: {
        usable: false,
        reason: 'plugins.ml_commons.allow_registering_model_via_url is false; loopback artifact URL',
      },
      upload: { usable: true, why: 'allow_registering_model_via_local_file is true' },
    });
  });
});
