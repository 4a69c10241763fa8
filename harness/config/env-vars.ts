/**
 * Every environment variable the project reads, declared once (one file per area, merged here). Adding one: a line
 * in its area's file and a row in the README's "Environment variables" table (a unit test compares the two); code
 * then reads it typed as `runConfig().NAME`.
 */
import { CONTAINER_VARS } from './container-vars.ts';
import { DRIFT_VARS } from './drift-vars.ts';
import type { EnvVar } from './env-var.ts';
import { EXTERNAL_VARS } from './external-vars.ts';
import { NATIVE_VARS } from './native-vars.ts';
import { RUN_VARS } from './run-vars.ts';
import { TARGET_VARS } from './target-vars.ts';

export const ENV_VARS = {
  ...RUN_VARS,
  ...TARGET_VARS,
  ...EXTERNAL_VARS,
  ...NATIVE_VARS,
  ...CONTAINER_VARS,
  ...DRIFT_VARS,
} as const satisfies Record<string, EnvVar<unknown>>;

export type EnvVarName = keyof typeof ENV_VARS;
