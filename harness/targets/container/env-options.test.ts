import { describe, expect, it } from 'vitest';
import { parseBooleanEnv, parseContainerEnv, parseStartupTimeoutMs } from './env-options.ts';
import { isContainerTargetError } from './errors.ts';

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    expect(isContainerTargetError(error, 'bad-env')).toBe(true);
    return error as Error;
  }
  throw new Error('expected a ContainerTargetError');
}

describe('parseContainerEnv', () => {
  it('defaults to security off, no reuse and a 180 s startup timeout', () => {
    expect(parseContainerEnv({})).toEqual({ security: false, reuse: false, startupTimeoutMs: 180_000 });
  });

  it.for([
    ['true', true],
    ['TRUE', true],
    [' yes ', true],
    ['1', true],
    ['on', true],
    ['false', false],
    ['0', false],
    ['No', false],
    ['', false],
    ['  ', false],
  ] as const)('reads OMLC_CONTAINER_SECURITY=%j as %s', ([value, expected]) => {
    expect(parseContainerEnv({ OMLC_CONTAINER_SECURITY: value }).security).toBe(expected);
  });

  it('names the variable, the value and what is accepted for a bad boolean', () => {
    expect(failure(() => parseContainerEnv({ OMLC_CONTAINER_REUSE: 'maybe' })).message).toBe(
      'OMLC_CONTAINER_REUSE="maybe" is not a boolean; use true or false (default false)',
    );
    expect(failure(() => parseBooleanEnv({ X: 'enabled' }, 'X', true)).message).toBe(
      'X="enabled" is not a boolean; use true or false (default true)',
    );
  });

  it('accepts reuse unless testcontainers itself has reuse switched off', () => {
    expect(parseContainerEnv({ OMLC_CONTAINER_REUSE: 'true' }).reuse).toBe(true);
    expect(parseContainerEnv({ OMLC_CONTAINER_REUSE: 'true', TESTCONTAINERS_REUSE_ENABLE: 'true' }).reuse).toBe(true);
    expect(
      failure(() => parseContainerEnv({ OMLC_CONTAINER_REUSE: 'true', TESTCONTAINERS_REUSE_ENABLE: 'false' })).message,
    ).toBe(
      'OMLC_CONTAINER_REUSE=true but TESTCONTAINERS_REUSE_ENABLE=false switches container reuse off inside ' +
        'testcontainers; unset one of them',
    );
    // Without reuse requested, testcontainers' switch does not matter.
    expect(parseContainerEnv({ TESTCONTAINERS_REUSE_ENABLE: 'false' }).reuse).toBe(false);
  });
});

describe('parseStartupTimeoutMs', () => {
  it.for([
    [undefined, 180_000],
    ['', 180_000],
    ['30', 30_000],
    [' 600 ', 600_000],
    ['3600', 3_600_000],
  ] as const)('reads %j as %i ms', ([value, ms]) => {
    expect(parseStartupTimeoutMs(value === undefined ? {} : { OMLC_CONTAINER_STARTUP_TIMEOUT: value })).toBe(ms);
  });

  it.for(['29', '3601', '90s', '1.5', '-60', 'abc', '0x40'])('refuses %j with the accepted range', (value) => {
    expect(failure(() => parseStartupTimeoutMs({ OMLC_CONTAINER_STARTUP_TIMEOUT: value })).message).toBe(
      `OMLC_CONTAINER_STARTUP_TIMEOUT=${JSON.stringify(value)} is not a whole number of seconds between 30 and 3600 ` +
        '(default 180); it covers container start to a yellow cluster, not the image pull',
    );
  });
});
