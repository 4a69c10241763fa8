/**
 * What the local image is: its names and labels, the layout inside it (the same as the official
 * `opensearchproject/opensearch` image where the harness relies on it) and the Dockerfile that assembles it. Pure, so
 * the recipe is unit-tested without Docker. Every text here is part of the image's content key (content-key.ts).
 */
export const LOCAL_IMAGE_REPOSITORY = 'omlc/opensearch-ml';
export const BASE_IMAGE_REPOSITORY = 'omlc/debian-base';
/** `OMLC_CONTAINER_IMAGE=local`: build (or reuse) `omlc/opensearch-ml:<version>` from the native target's assembly. */
export const LOCAL_IMAGE_KEYWORD = 'local';

/** Bump when the way the image is assembled changes in a way the texts and trees below do not show. */
export const IMAGE_RECIPE = 1;

export const IMAGE_HOME = '/usr/share/opensearch';
export const IMAGE_ENTRYPOINT = '/usr/local/bin/omlc-entrypoint.sh';
/** The official image's user: OpenSearch refuses to run as root. */
export const IMAGE_USER = { name: 'opensearch', uid: 1000, gid: 1000 } as const;

const LABEL_PREFIX = 'org.opensearch-ml-conformance';
export const IMAGE_LABELS = {
  /** sha256 over everything that goes into the image; equal key = nothing to rebuild. */
  contentKey: `${LABEL_PREFIX}.content-key`,
  version: `${LABEL_PREFIX}.opensearch-version`,
  /** `true` when the security plugin is installed (only for versions whose plugin zip Maven Central serves). */
  securityPlugin: `${LABEL_PREFIX}.security-plugin`,
} as const;

/** Build context layout (stage-context.ts writes it, the Dockerfile reads it). */
export const CONTEXT = {
  jdk: 'jdk',
  opensearch: 'opensearch',
  entrypoint: 'entrypoint.sh',
  dockerfile: 'Dockerfile',
} as const;

export function localImageRef(version: string): string {
  return `${LOCAL_IMAGE_REPOSITORY}:${version}`;
}

/**
 * The official image's `config/opensearch.yml`: a cluster name and every interface. With host networking the harness
 * overrides `network.host` through the environment (an `-E` setting wins over the file).
 */
export const IMAGE_OPENSEARCH_YML = 'cluster.name: docker-cluster\nnetwork.host: 0.0.0.0\n';

/**
 * No RUN step: the user exists in the base root filesystem already, so the build starts no container and needs no
 * network (a daemon started with `--bridge=none` has no default network for RUN). The JDK is its own layer first, so
 * versions with the same JDK share it.
 */
export function renderDockerfile(baseImage: string): string {
  const owner = `${IMAGE_USER.uid}:${IMAGE_USER.gid}`;
  return [
    `FROM ${baseImage}`,
    `COPY ${CONTEXT.jdk} ${IMAGE_HOME}/jdk`,
    `COPY --chown=${owner} ${CONTEXT.opensearch} ${IMAGE_HOME}`,
    `COPY ${CONTEXT.entrypoint} ${IMAGE_ENTRYPOINT}`,
    `ENV OPENSEARCH_HOME=${IMAGE_HOME} PATH=${IMAGE_HOME}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
    `WORKDIR ${IMAGE_HOME}`,
    `USER ${owner}`,
    'EXPOSE 9200 9300',
    `ENTRYPOINT ["${IMAGE_ENTRYPOINT}"]`,
    'CMD ["opensearch"]',
    '',
  ].join('\n');
}
