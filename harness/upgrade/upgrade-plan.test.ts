import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../config/run-config.ts';
import { decideUpgradeTarget, planUpgradeProject, type UpgradePlan } from './upgrade-plan.ts';

const ok = () => Promise.resolve({ ok: true, detail: 'Java 17 and 25, prepared installs' });
const missing = () => Promise.resolve({ ok: false, detail: 'native target unavailable: mvn not found' });

function plan(env: Readonly<Record<string, string | undefined>>): UpgradePlan {
  const found = planUpgradeProject(parseRunConfig(env));
  if (found === undefined) {
    throw new Error('no upgrade project');
  }
  return found;
}

describe('the upgrade project', () => {
  it('exists by default as upgrade:2.19.6→3.6.0, follows OMLC_UPGRADE, and is gone with none', () => {
    expect(plan({})).toEqual({
      projectName: 'upgrade:2.19.6→3.6.0',
      from: '2.19.6',
      to: '3.6.0',
      requested: 'auto',
      urlGiven: false,
    });
    expect(plan({ OMLC_UPGRADE: '2.19.1->3.6.0' }).projectName).toBe('upgrade:2.19.1→3.6.0');
    expect(planUpgradeProject(parseRunConfig({ OMLC_UPGRADE: 'none' }))).toBeUndefined();
  });

  it('runs on the native target only; a forced native target that cannot work fails, auto skips', async () => {
    expect(await decideUpgradeTarget(plan({}), ok)).toEqual({
      kind: 'native',
      why: 'auto; Java 17 and 25, prepared installs',
    });
    expect(await decideUpgradeTarget(plan({ ML_TARGET: 'native' }), missing)).toEqual({
      kind: 'none',
      reason: 'ML_TARGET=native but native target unavailable: mvn not found',
      failed: true,
    });
    expect(await decideUpgradeTarget(plan({}), missing)).toEqual({
      kind: 'none',
      reason: 'no native target for the rehearsal: native target unavailable: mvn not found',
    });
    expect(await decideUpgradeTarget(plan({ ML_TARGET: 'none' }), ok)).toEqual({
      kind: 'none',
      reason: 'live targets disabled (ML_TARGET=none)',
    });
    for (const env of [{ ML_TARGET: 'container' }, { OPENSEARCH_URL: 'https://x:9200' }]) {
      const decision = await decideUpgradeTarget(plan(env), ok);
      expect(decision.kind).toBe('none');
      expect(decision.kind === 'none' && decision.reason).toMatch(/which only the native target does$/);
    }
  });
});
