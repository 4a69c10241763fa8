/**
 * testcontainers reads a few switches from `process.env` itself. One of them needs a default on the host network:
 * when testcontainers runs inside a container (it checks for /.dockerenv, true on many CI machines) it takes the
 * Docker host to be the gateway of the network "bridge", and a daemon started with `--bridge=none` has no such
 * network, so no runtime is found at all. On the host network the daemon is on this host by definition, so
 * `TESTCONTAINERS_HOST_OVERRIDE` defaults to 127.0.0.1 there (a value the user set is kept).
 */
import { runConfig, type RunConfig } from '../../config/run-config.ts';

const HOST_OVERRIDE_ENV = 'TESTCONTAINERS_HOST_OVERRIDE';

/** Must run before the first runtime lookup (testcontainers caches it). Returns what was set, for the log. */
export function applyHostNetworkDefaults(
  config: Pick<RunConfig, 'OMLC_CONTAINER_NETWORK' | 'TESTCONTAINERS_HOST_OVERRIDE'> = runConfig(),
  // eslint-disable-next-line no-restricted-properties -- testcontainers reads this variable from process.env itself
  target: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (config.OMLC_CONTAINER_NETWORK !== 'host' || config.TESTCONTAINERS_HOST_OVERRIDE !== undefined) {
    return undefined;
  }
  target[HOST_OVERRIDE_ENV] = '127.0.0.1';
  return `${HOST_OVERRIDE_ENV}=127.0.0.1 (host network: the container runtime is on this host)`;
}
