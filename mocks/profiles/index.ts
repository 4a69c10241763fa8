import semver from 'semver';
import { PROFILE_2_11_2_13 } from './v2-11-2-13.ts';
import { PROFILE_2_14_2_18 } from './v2-14-2-18.ts';
import { PROFILE_2_19 } from './v2-19.ts';
import { PROFILE_3 } from './v3.ts';
import type { HttpErrorKey, Profile, ProfileId } from './types.ts';

export type { ErrorSpec, HttpErrorKey, Profile, ProfileFeatures, ProfileId, TaskErrorTexts } from './types.ts';

export const PROFILES: Readonly<Record<ProfileId, Profile>> = {
  '2.11-2.13': PROFILE_2_11_2_13,
  '2.14-2.18': PROFILE_2_14_2_18,
  '2.19': PROFILE_2_19,
  '3.x': PROFILE_3,
};

export const PROFILE_IDS = Object.keys(PROFILES) as ProfileId[];

export function getProfile(id: ProfileId): Profile {
  return PROFILES[id];
}

/**
 * Picks the profile that emulates `version` (e.g. `2.19.1`, `3.0.0-beta1`). Versions below 2.11 have no profile:
 * the suites do not claim to cover them, so this throws rather than guessing.
 */
export function profileForVersion(version: string): Profile {
  const parsed = semver.coerce(version);
  if (parsed === null) {
    throw new Error(`profileForVersion: cannot read a version from ${JSON.stringify(version)}`);
  }
  const v = parsed.version;
  if (semver.gte(v, '3.0.0')) {
    return PROFILE_3;
  }
  if (semver.gte(v, '2.19.0')) {
    return PROFILE_2_19;
  }
  if (semver.gte(v, '2.14.0')) {
    return PROFILE_2_14_2_18;
  }
  if (semver.gte(v, '2.11.0')) {
    return PROFILE_2_11_2_13;
  }
  throw new Error(`profileForVersion: OpenSearch ${version} is older than the oldest profile (2.11)`);
}

/** Every error entry still marked as an inference, to be checked against recordings of real clusters. */
export function listInferred(profile: Profile): { key: HttpErrorKey; status: number; reason: string }[] {
  return (Object.entries(profile.errors) as [HttpErrorKey, Profile['errors'][HttpErrorKey]][])
    .filter(([, spec]) => spec.inferred === true)
    .map(([key, spec]) => ({ key, status: spec.status, reason: spec.reason }));
}
