/**
 * Where the artifact server listens and under which URL the cluster reaches it. A native node shares this host's
 * loopback, and so does a container on the host network; a container on a bridge network reaches the host through
 * testcontainers' host-port exposure; a remote external cluster needs `OMLC_ARTIFACT_BASE_URL` (and usually
 * `OMLC_ARTIFACT_HOST=0.0.0.0`).
 */
import type { ArtifactServerOptions } from '../../artifacts/artifact-server.ts';
import type { RunConfig } from '../../config/run-config.ts';
import type { TargetKind } from '../target-info.ts';

/** testcontainers' alias for the host, reachable from containers once the port is exposed. */
export const CONTAINER_HOST_ALIAS = 'host.testcontainers.internal';

export function artifactServerOptions(
  kind: Exclude<TargetKind, 'simulator'>,
  config: Pick<
    RunConfig,
    'OMLC_ARTIFACT_HOST' | 'OMLC_ARTIFACT_PORT' | 'OMLC_ARTIFACT_BASE_URL' | 'OMLC_CONTAINER_NETWORK'
  >,
): ArtifactServerOptions {
  const host = config.OMLC_ARTIFACT_HOST;
  const port = config.OMLC_ARTIFACT_PORT;
  const publicBaseUrl = config.OMLC_ARTIFACT_BASE_URL?.replace(/\/+$/, '');
  if (publicBaseUrl !== undefined && publicBaseUrl !== '') {
    return { host, port, publicBaseUrl };
  }
  // On the host network the container reaches 127.0.0.1 like a native node.
  if (kind === 'container' && config.OMLC_CONTAINER_NETWORK === 'bridge') {
    return { host, port, publicBaseUrl: (bound) => `http://${CONTAINER_HOST_ALIAS}:${bound}` };
  }
  return { host, port };
}
