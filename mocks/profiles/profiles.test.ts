import { describe, expect, it } from 'vitest';
import { getProfile, listInferred, PROFILE_IDS, PROFILES, profileForVersion } from './index.ts';

describe('profileForVersion', () => {
  it.for([
    ['2.11.1', '2.11-2.13'],
    ['2.13.0', '2.11-2.13'],
    ['2.14.0', '2.14-2.18'],
    ['2.18.0', '2.14-2.18'],
    ['2.19.0', '2.19'],
    ['2.19.6', '2.19'],
    ['3.0.0-beta1', '3.x'],
    ['3.6.0', '3.x'],
  ] as const)('%s → %s', ([version, id]) => {
    expect(profileForVersion(version).id).toBe(id);
  });

  it('refuses versions older than the oldest profile and garbage', () => {
    expect(() => profileForVersion('2.10.0')).toThrow(/older than the oldest profile/);
    expect(() => profileForVersion('banana')).toThrow(/cannot read a version/);
  });
});

describe('profile data', () => {
  it('each profile emulates the version its id names', () => {
    expect(PROFILE_IDS.map((id) => [id, getProfile(id).version.number])).toEqual([
      ['2.11-2.13', '2.13.0'],
      ['2.14-2.18', '2.18.0'],
      ['2.19', '2.19.6'],
      ['3.x', '3.6.0'],
    ]);
  });

  it('records the version differences as data', () => {
    const table = PROFILE_IDS.map((id) => {
      const p = PROFILES[id];
      return {
        id,
        parameters: p.features.parsesPredictParameters,
        hash: p.features.requiresHashForUrl,
        disk: p.features.diskFreeSpaceThresholdSetting,
        groupDelete: p.errors.deleteGroupWithModels.status,
        deleteUnknownGroup: p.features.deleteUnknownGroupPassesThrough,
        notReady: p.errors.modelNotReady.reason,
      };
    });
    expect(table).toEqual([
      {
        id: '2.11-2.13',
        parameters: false,
        hash: false,
        disk: false,
        groupDelete: 500,
        deleteUnknownGroup: false,
        notReady: 'Model not ready yet. Please run this first: POST /_plugins/_ml/models/{id}/_deploy',
      },
      {
        id: '2.14-2.18',
        parameters: true,
        hash: true,
        disk: true,
        groupDelete: 500,
        deleteUnknownGroup: false,
        notReady: 'Model not ready yet. Please deploy the model first.',
      },
      {
        id: '2.19',
        parameters: true,
        hash: true,
        disk: true,
        groupDelete: 409,
        deleteUnknownGroup: true,
        notReady: 'Model not ready yet. Please deploy the model first.',
      },
      {
        id: '3.x',
        parameters: true,
        hash: true,
        disk: true,
        groupDelete: 409,
        deleteUnknownGroup: true,
        notReady: 'Model not ready yet. Please deploy the model first.',
      },
    ]);
    // Recorded `GET /` values (fixtures/recordings/*/responses.json, step root).
    expect(PROFILES['2.19'].version).toMatchObject({
      luceneVersion: '9.12.3',
      minimumWireCompatibilityVersion: '7.10.0',
      minimumIndexCompatibilityVersion: '7.0.0',
    });
    expect(PROFILES['3.x'].version).toMatchObject({
      luceneVersion: '10.4.0',
      minimumWireCompatibilityVersion: '2.19.0',
      minimumIndexCompatibilityVersion: '2.0.0',
    });
  });

  it('lists the inferred (unrecorded) texts so they can be checked against a cluster', () => {
    const inferred = (id: keyof typeof PROFILES) => listInferred(PROFILES[id]).map((entry) => entry.key);
    // Confirmed by fixtures/recordings/{2.19.6,3.6.0}: no longer inferred on those lines, still on older ones.
    const recorded = [
      'modelIndexMissing',
      'groupNotFound',
      'deleteDeployedModel',
      'asymmetricNeedsContentType',
      'symmetricGivenContentType',
      'contentTypeInvalid',
    ] as const;
    for (const key of recorded) {
      expect(inferred('3.x')).not.toContain(key);
      expect(inferred('2.19')).not.toContain(key);
      expect(inferred('2.14-2.18')).toContain(key);
    }
    expect(inferred('3.x')).not.toContain('modelNotFound');
    expect(inferred('3.x')).toContain('modelNotFoundForDeploy');
    // Deleting without a group index: recorded on both (404 on 3.6.0, 500 index_not_found on 2.19.6).
    expect(inferred('3.x')).not.toContain('groupNotFoundForDelete');
    expect(inferred('2.19')).not.toContain('groupNotFoundForDelete');
    expect(inferred('2.11-2.13')).toContain('groupNotFoundForDelete');
    expect(inferred('2.11-2.13')).toContain('deleteGroupWithModels');
  });
});
