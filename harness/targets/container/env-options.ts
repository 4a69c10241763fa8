/**
 * The container switches from the run configuration (which has parsed each `OMLC_CONTAINER_*` variable), plus the
 * one combination testcontainers would silently ignore: a typo or a contradiction must stop the run before any
 * image is pulled, not fall back to a default.
 */
import type { RunConfig } from '../../config/run-config.ts';
import { ContainerTargetError } from './errors.ts';

/**
 * `bridge`: Docker's default network, port 9200 mapped to a random host port, artifacts through testcontainers' port
 * forwarder. `host`: the container shares this host's network; OpenSearch listens on free loopback ports and fetches
 * artifacts from 127.0.0.1, so every connection stays on loopback (CI, or a daemon started with `--bridge=none`).
 */
export type ContainerNetwork = RunConfig['OMLC_CONTAINER_NETWORK'];

export interface ContainerEnvOptions {
  readonly security: boolean;
  readonly reuse: boolean;
  readonly startupTimeoutMs: number;
  readonly network: ContainerNetwork;
}

export type ContainerVars = Pick<
  RunConfig,
  | 'OMLC_CONTAINER_SECURITY'
  | 'OMLC_CONTAINER_REUSE'
  | 'OMLC_CONTAINER_STARTUP_TIMEOUT'
  | 'OMLC_CONTAINER_IMAGE'
  | 'OMLC_CONTAINER_NETWORK'
  | 'TESTCONTAINERS_REUSE_ENABLE'
>;

export function containerEnvOptions(config: ContainerVars): ContainerEnvOptions {
  if (config.OMLC_CONTAINER_REUSE && !config.TESTCONTAINERS_REUSE_ENABLE) {
    // testcontainers would quietly start (and Ryuk would later remove) a fresh container every run.
    throw new ContainerTargetError(
      'bad-env',
      'OMLC_CONTAINER_REUSE=true but TESTCONTAINERS_REUSE_ENABLE=false switches container reuse off inside ' +
        'testcontainers; unset one of them',
    );
  }
  return {
    security: config.OMLC_CONTAINER_SECURITY,
    reuse: config.OMLC_CONTAINER_REUSE,
    startupTimeoutMs: config.OMLC_CONTAINER_STARTUP_TIMEOUT * 1000,
    network: config.OMLC_CONTAINER_NETWORK,
  };
}
