/**
 * The `OMLC_CONTAINER_*` switches, parsed once with an error that names the variable, the value and what would be
 * accepted: a typo must stop the run before any image is pulled, not silently fall back to a default.
 */
import { ContainerTargetError } from './errors.ts';

export const SECURITY_ENV = 'OMLC_CONTAINER_SECURITY';
export const REUSE_ENV = 'OMLC_CONTAINER_REUSE';
export const STARTUP_TIMEOUT_ENV = 'OMLC_CONTAINER_STARTUP_TIMEOUT';
/** testcontainers' own switch: any value but `false` lets `.withReuse()` work (testcontainers 12.2 generic-container). */
export const TESTCONTAINERS_REUSE_ENV = 'TESTCONTAINERS_REUSE_ENABLE';

export const DEFAULT_STARTUP_TIMEOUT_S = 180;
const MIN_STARTUP_TIMEOUT_S = 30;
const MAX_STARTUP_TIMEOUT_S = 3600;

export interface ContainerEnvOptions {
  readonly security: boolean;
  readonly reuse: boolean;
  readonly startupTimeoutMs: number;
}

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

/** Unset or empty (`VAR= npx vitest`) means the default. */
export function parseBooleanEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') {
    return fallback;
  }
  if (TRUE.includes(value)) {
    return true;
  }
  if (FALSE.includes(value)) {
    return false;
  }
  throw new ContainerTargetError(
    'bad-env',
    `${name}=${JSON.stringify(raw)} is not a boolean; use true or false (default ${String(fallback)})`,
  );
}

export function parseStartupTimeoutMs(env: NodeJS.ProcessEnv): number {
  const raw = env[STARTUP_TIMEOUT_ENV];
  const value = raw?.trim() ?? '';
  if (value === '') {
    return DEFAULT_STARTUP_TIMEOUT_S * 1000;
  }
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= MIN_STARTUP_TIMEOUT_S && seconds <= MAX_STARTUP_TIMEOUT_S)) {
    throw new ContainerTargetError(
      'bad-env',
      `${STARTUP_TIMEOUT_ENV}=${JSON.stringify(raw)} is not a whole number of seconds between ` +
        `${MIN_STARTUP_TIMEOUT_S} and ${MAX_STARTUP_TIMEOUT_S} (default ${DEFAULT_STARTUP_TIMEOUT_S}); ` +
        'it covers container start to a yellow cluster, not the image pull',
    );
  }
  return seconds * 1000;
}

export function parseContainerEnv(env: NodeJS.ProcessEnv): ContainerEnvOptions {
  const security = parseBooleanEnv(env, SECURITY_ENV, false);
  const reuse = parseBooleanEnv(env, REUSE_ENV, false);
  if (reuse && env[TESTCONTAINERS_REUSE_ENV]?.trim().toLowerCase() === 'false') {
    // testcontainers would quietly start (and Ryuk would later remove) a fresh container every run.
    throw new ContainerTargetError(
      'bad-env',
      `${REUSE_ENV}=true but ${TESTCONTAINERS_REUSE_ENV}=false switches container reuse off inside testcontainers; ` +
        'unset one of them',
    );
  }
  return { security, reuse, startupTimeoutMs: parseStartupTimeoutMs(env) };
}
