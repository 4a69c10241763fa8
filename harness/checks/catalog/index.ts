/**
 * The catalog: every check of every suite, merged from one file per suite (add a check in its suite's file; a new
 * suite gets a file and a line in SUITE_CATALOGS). Check ids are typed from it, so a misspelt id in `s.check(...)` or
 * `after: [...]` does not compile. The README's "What is checked" table is generated from it (`npm run docs:checks`).
 */
import { API_ERROR_CHECKS } from './api-errors.ts';
import { ARTIFACT_CHECKS } from './artifact.ts';
import { ASYMMETRIC_CHECKS } from './asymmetric.ts';
import type { CheckRequirement } from './check-requirement.ts';
import { CLEANUP_CHECKS } from './cleanup.ts';
import { DRIFT_CHECKS } from './drift.ts';
import { INTEGRITY_CHECKS } from './integrity.ts';
import { LIFECYCLE_CHECKS } from './lifecycle.ts';
import { NEURAL_CHECKS } from './neural.ts';
import { RESILIENCE_CHECKS } from './resilience.ts';
import { SETUP_STEPS } from './setup.ts';
import { UPGRADE_CHECKS } from './upgrade.ts';
import { UPLOAD_CHECKS } from './upload.ts';

/** In README order; check order within a file is the order reports and skip reasons list them in. */
export const SUITE_CATALOGS = [
  ARTIFACT_CHECKS,
  SETUP_STEPS,
  LIFECYCLE_CHECKS,
  INTEGRITY_CHECKS,
  UPLOAD_CHECKS,
  ASYMMETRIC_CHECKS,
  API_ERROR_CHECKS,
  NEURAL_CHECKS,
  CLEANUP_CHECKS,
  RESILIENCE_CHECKS,
  DRIFT_CHECKS,
  UPGRADE_CHECKS,
] as const;

export const CHECKS = {
  ...ARTIFACT_CHECKS.checks,
  ...SETUP_STEPS.checks,
  ...LIFECYCLE_CHECKS.checks,
  ...INTEGRITY_CHECKS.checks,
  ...UPLOAD_CHECKS.checks,
  ...ASYMMETRIC_CHECKS.checks,
  ...API_ERROR_CHECKS.checks,
  ...NEURAL_CHECKS.checks,
  ...CLEANUP_CHECKS.checks,
  ...RESILIENCE_CHECKS.checks,
  ...DRIFT_CHECKS.checks,
  ...UPGRADE_CHECKS.checks,
} as const satisfies Record<string, CheckRequirement>;

export type CheckId = keyof typeof CHECKS;

/** A check's key in a describe: its id, or `id[variant]` for one variant (e.g. a probe id). */
export type CheckKey = CheckId | `${CheckId}[${string}]`;

export type SetupStepId = keyof typeof SETUP_STEPS.checks;

export function isSetupStep(id: CheckId): id is SetupStepId {
  return id in SETUP_STEPS.checks;
}

/** Position in the catalog, for listing checks in a stable order. */
export function catalogOrder(id: CheckId): number {
  return Object.keys(CHECKS).indexOf(id);
}
