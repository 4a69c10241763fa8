/** The container target (testcontainers): security, reuse, start-up deadline, image and network. */
import { flag, integer, oneOf, text } from './env-var.ts';

const DEFAULT_STARTUP_TIMEOUT_S = 180;

export const CONTAINER_VARS = {
  OMLC_CONTAINER_SECURITY: flag({ doc: 'start the image with its demo security config', fallback: false }),
  OMLC_CONTAINER_REUSE: flag({ doc: 'reuse a running container between runs', fallback: false }),
  OMLC_CONTAINER_STARTUP_TIMEOUT: integer({
    doc: 'seconds from container start to a yellow cluster (the image pull is not included)',
    min: 30,
    max: 3600,
    fallback: DEFAULT_STARTUP_TIMEOUT_S,
    problem: (raw) =>
      `${JSON.stringify(raw)} is not a whole number of seconds between 30 and 3600 ` +
      `(default ${DEFAULT_STARTUP_TIMEOUT_S}); it covers container start to a yellow cluster, not the image pull`,
  }),
  OMLC_CONTAINER_IMAGE: text({
    doc: 'image repository (tagged with the version), a full reference, or `local` (built here from the native assembly)',
    shownDefault: '`opensearchproject/opensearch`',
  }),
  OMLC_CONTAINER_NETWORK: oneOf(['bridge', 'host'], {
    doc: '`host`: the container shares this host network, OpenSearch on free loopback ports, nothing mapped',
    fallback: 'bridge',
    problem: (raw) => `${JSON.stringify(raw)} is not a network mode; use bridge or host (default bridge)`,
  }),
  TESTCONTAINERS_HOST_OVERRIDE: text({
    doc: "testcontainers' own: the container runtime's host; with `OMLC_CONTAINER_NETWORK=host` it defaults to 127.0.0.1",
  }),
  TESTCONTAINERS_REUSE_ENABLE: flag({
    doc: "testcontainers' own reuse switch; false contradicts OMLC_CONTAINER_REUSE=true",
    fallback: true,
  }),
} as const;
