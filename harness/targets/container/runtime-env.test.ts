import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../config/run-config.ts';
import { applyHostNetworkDefaults } from './runtime-env.ts';

describe('applyHostNetworkDefaults', () => {
  it('points testcontainers at 127.0.0.1 on the host network, unless the user chose a host', () => {
    const target: NodeJS.ProcessEnv = {};
    expect(applyHostNetworkDefaults(parseRunConfig({ OMLC_CONTAINER_NETWORK: 'host' }), target)).toBe(
      'TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 (host network: the container runtime is on this host)',
    );
    expect(target).toEqual({ TESTCONTAINERS_HOST_OVERRIDE: '127.0.0.1' });
    const chosen = parseRunConfig({ OMLC_CONTAINER_NETWORK: 'host', TESTCONTAINERS_HOST_OVERRIDE: 'docker.lan' });
    const untouched: NodeJS.ProcessEnv = {};
    expect(applyHostNetworkDefaults(chosen, untouched)).toBeUndefined();
    expect(applyHostNetworkDefaults(parseRunConfig({}), untouched)).toBeUndefined();
    expect(untouched).toEqual({});
  });
});
