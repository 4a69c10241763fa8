/**
 * How the container reaches the artifact server on this host (model zips are registered by URL). By default
 * artifact-exposure.ts hands out `http://host.testcontainers.internal:<port>`: testcontainers forwards that host port
 * through its sshd "port forwarder" container and adds the alias to every container started after the forward.
 * With `OMLC_ARTIFACT_BASE_URL` the user names an address the container reaches by itself. On the host network the
 * container shares this host's loopback and fetches from the server's own address.
 */
import { CONTAINER_HOST_ALIAS } from '../live/artifact-exposure.ts';
import type { ContainerNetwork } from './env-options.ts';
import { ContainerTargetError } from './errors.ts';

/** Docker Desktop's name for the host; Docker Engine on Linux resolves it only with `host-gateway` (Engine ≥ 20.10). */
const DOCKER_HOST_ALIAS = 'host.docker.internal';

export interface ExtraHostEntry {
  readonly host: string;
  readonly ipAddress: string;
}

export interface ArtifactRoute {
  /** Host port testcontainers must forward before the container starts (alias route only). */
  readonly exposeHostPort: number | undefined;
  readonly extraHosts: readonly ExtraHostEntry[];
  /** One line for the progress log. */
  readonly description: string;
  /** What to check when the container cannot reach the server. */
  readonly hint: string;
}

export function planArtifactRoute(
  artifactBaseUrl: string,
  reuse: boolean,
  network: ContainerNetwork = 'bridge',
): ArtifactRoute {
  let url: URL;
  try {
    url = new URL(artifactBaseUrl);
  } catch {
    throw new ContainerTargetError('bad-env', `artifact base URL ${JSON.stringify(artifactBaseUrl)} is not a URL`);
  }
  if (network === 'host') {
    if (url.hostname === CONTAINER_HOST_ALIAS || url.hostname === DOCKER_HOST_ALIAS) {
      throw new ContainerTargetError(
        'bad-env',
        `artifact base URL ${artifactBaseUrl} names ${url.hostname}, which does not exist on the host network; ` +
          "the container shares this host's addresses: leave OMLC_ARTIFACT_BASE_URL unset (127.0.0.1)",
      );
    }
    return {
      exposeHostPort: undefined,
      extraHosts: [],
      description: `the container shares this host's network and fetches artifacts from ${url.origin}`,
      hint: 'the artifact server must listen on an address of this host (OMLC_ARTIFACT_HOST, default 127.0.0.1)',
    };
  }
  if (url.hostname === CONTAINER_HOST_ALIAS) {
    if (reuse) {
      // The alias is written into the container's /etc/hosts when it is created and points at that run's port
      // forwarder, which testcontainers removes when the run ends; a later run reusing the container cannot reach it.
      throw new ContainerTargetError(
        'bad-env',
        `OMLC_CONTAINER_REUSE=true cannot serve model artifacts through ${CONTAINER_HOST_ALIAS}: a reused container ` +
          "keeps the port-forwarder address of the run that created it. Serve them on an address every run's " +
          `container reaches, e.g. OMLC_ARTIFACT_HOST=0.0.0.0 OMLC_ARTIFACT_PORT=8765 ` +
          `OMLC_ARTIFACT_BASE_URL=http://${DOCKER_HOST_ALIAS}:8765`,
      );
    }
    const port = Number(url.port);
    if (url.port === '' || !Number.isInteger(port) || port <= 0) {
      throw new ContainerTargetError(
        'bad-env',
        `artifact base URL ${artifactBaseUrl} names ${CONTAINER_HOST_ALIAS} without a port to forward`,
      );
    }
    return {
      exposeHostPort: port,
      extraHosts: [],
      description: `host port ${port} forwarded into the container as ${CONTAINER_HOST_ALIAS} (testcontainers port forwarder)`,
      hint:
        "testcontainers' port forwarder (image testcontainers/sshd, override with SSHD_CONTAINER_IMAGE) must start " +
        'and the artifact server must accept connections on this host',
    };
  }
  const extraHosts = url.hostname === DOCKER_HOST_ALIAS ? [{ host: DOCKER_HOST_ALIAS, ipAddress: 'host-gateway' }] : [];
  return {
    exposeHostPort: undefined,
    extraHosts,
    description: `the container fetches artifacts from ${url.origin} directly (OMLC_ARTIFACT_BASE_URL)`,
    hint:
      'the artifact server must listen where the container can connect (OMLC_ARTIFACT_HOST=0.0.0.0 or the Docker ' +
      'bridge address) and no firewall may block the port',
  };
}
