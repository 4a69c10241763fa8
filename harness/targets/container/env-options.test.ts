import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../config/run-config.ts';
import { containerEnvOptions } from './env-options.ts';
import { isContainerTargetError } from './errors.ts';

const options = (env: Record<string, string>) => containerEnvOptions(parseRunConfig(env));

describe('containerEnvOptions', () => {
  it('defaults to security off, no reuse and a 180 s startup timeout', () => {
    expect(options({})).toEqual({ security: false, reuse: false, startupTimeoutMs: 180_000, network: 'bridge' });
  });

  it('reads security, reuse and the startup timeout (seconds) from the run configuration', () => {
    expect(
      options({ OMLC_CONTAINER_SECURITY: 'on', OMLC_CONTAINER_REUSE: 'yes', OMLC_CONTAINER_STARTUP_TIMEOUT: ' 600 ' }),
    ).toEqual({ security: true, reuse: true, startupTimeoutMs: 600_000, network: 'bridge' });
  });

  it('reads OMLC_CONTAINER_NETWORK as bridge (default) or host, and the run configuration refuses anything else', () => {
    expect(options({ OMLC_CONTAINER_NETWORK: ' Host ' }).network).toBe('host');
    expect(() => parseRunConfig({ OMLC_CONTAINER_NETWORK: 'none' })).toThrow(
      'OMLC_CONTAINER_NETWORK: "none" is not a network mode; use bridge or host (default bridge)',
    );
  });

  it('accepts reuse unless testcontainers itself has reuse switched off', () => {
    expect(options({ OMLC_CONTAINER_REUSE: 'true' }).reuse).toBe(true);
    expect(options({ OMLC_CONTAINER_REUSE: 'true', TESTCONTAINERS_REUSE_ENABLE: 'true' }).reuse).toBe(true);
    let error: unknown;
    try {
      options({ OMLC_CONTAINER_REUSE: 'true', TESTCONTAINERS_REUSE_ENABLE: 'false' });
    } catch (caught) {
      error = caught;
    }
    expect(isContainerTargetError(error, 'bad-env')).toBe(true);
    expect((error as Error).message).toBe(
      'OMLC_CONTAINER_REUSE=true but TESTCONTAINERS_REUSE_ENABLE=false switches container reuse off inside ' +
        'testcontainers; unset one of them',
    );
    // Without reuse requested, testcontainers' switch does not matter.
    expect(options({ TESTCONTAINERS_REUSE_ENABLE: 'false' }).reuse).toBe(false);
  });

  it.for(['29', '3601', '90s', '1.5', '-60', 'abc', '0x40'])(
    'the run configuration refuses OMLC_CONTAINER_STARTUP_TIMEOUT=%j with the accepted range',
    (value) => {
      expect(() => parseRunConfig({ OMLC_CONTAINER_STARTUP_TIMEOUT: value })).toThrow(
        `OMLC_CONTAINER_STARTUP_TIMEOUT: ${JSON.stringify(value)} is not a whole number of seconds between 30 and 3600 ` +
          '(default 180); it covers container start to a yellow cluster, not the image pull',
      );
    },
  );
});
