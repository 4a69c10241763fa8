/**
 * Everything about the container that can be decided without a container runtime: image, environment (ML Commons
 * settings for a single small node, ml-commons-behavior.md §7), security, wait strategy, timeout and reuse. Pure, so
 * every version/security/reuse combination is unit-tested on machines without Docker; the runtime part only applies it.
 *
 * Image entrypoint facts (ml-commons-behavior.md §8, opensearch-build `opensearch-docker-entrypoint*.sh`): environment
 * variables named like `a.b` become `-Ea.b=value` (empty values are skipped), `DISABLE_SECURITY_PLUGIN=true` adds
 * `-Eplugins.security.disabled=true`, `DISABLE_INSTALL_DEMO_CONFIG=true` skips the demo TLS/user setup.
 */
import { SYNC_UP_SETTING } from '../../lifecycle/deploy-race.ts';
import semver from 'semver';
import { CI_CLUSTER_SETTINGS } from '../shared/cluster-settings.ts';
import { containerEnvOptions, type ContainerNetwork, type ContainerVars } from './env-options.ts';
import { ContainerTargetError } from './errors.ts';
import { localImageHasSecurityPlugin } from './image/security-plugin.ts';
import { resolveImage } from './image-ref.ts';

const OPENSEARCH_HTTP_PORT = 9200;
/** What `@testcontainers/opensearch` exposes (HTTP, transport, performance analyzer); the harness only uses 9200. */
const MODULE_EXPOSED_PORTS: readonly number[] = [9200, 9300, 9600];
/** The module's built-in admin password (opensearch-container.ts); set explicitly so wait and client agree. */
export const MODULE_ADMIN_PASSWORD = 'yourStrong(!)P@ssw0rd';
const ADMIN_USERNAME = 'admin';

/** Oldest line the suites describe (the `2.11–2.13` simulator profile); older images were never checked. */
const MIN_CONTAINER_VERSION = '2.11.0';
/** Before 2.12 the demo config ignores OPENSEARCH_INITIAL_ADMIN_PASSWORD and uses admin:admin (§8). */
const MIN_SECURED_VERSION = '2.12.0';
/** `disk_free_space_threshold` exists from 2.16; an unknown `-E` setting stops the node at startup (§7). */
const DISK_FREE_SETTING_SINCE = '2.16.0';

export type SecurityConfig =
  | { readonly enabled: false }
  | {
      readonly enabled: true;
      readonly username: string;
      readonly password: string;
      /**
       * The image's demo certificate is self-signed. The readiness wait runs before its CA can be read from the
       * container, so it skips verification; the suites verify with that CA when the node is reached as localhost or
       * 127.0.0.1 (demo-ca.ts) and skip it otherwise. Nothing outside the harness sees this flag.
       */
      readonly insecureTls: true;
    };

export interface WaitConfig {
  /** Ready means a yellow cluster (system indices allocated), not just an open port. */
  readonly path: string;
  readonly port: number;
  readonly tls: boolean;
  /** Per poll; must exceed the `timeout` in `path`. */
  readonly readTimeoutMs: number;
  /** Container start to ready; the image pull is not included. */
  readonly startupTimeoutMs: number;
}

export interface ContainerConfig {
  readonly version: string;
  readonly image: string;
  readonly imagePinned: boolean;
  /** Built on this host from the native assembly before the start (`OMLC_CONTAINER_IMAGE=local`). */
  readonly localImage: boolean;
  readonly network: ContainerNetwork;
  /**
   * Merged over the module's own `discovery.type` / `plugins.security.disabled`; an empty value removes a variable
   * (HarnessOpenSearchContainer).
   */
  readonly environment: Readonly<Record<string, string>>;
  /** Container port 9200 (mapped by Docker), or with host networking the loopback port OpenSearch listens on. */
  readonly httpPort: number;
  /** Ports Docker maps; none with host networking. */
  readonly exposedPorts: readonly number[];
  readonly security: SecurityConfig;
  readonly wait: WaitConfig;
  readonly reuse: boolean;
}

/** ML Commons and cluster settings, as `-E` strings, for one small single node of `version`. */
export function containerSettings(version: string): Record<string, string> {
  const settings: Record<string, string | number | boolean> = {
    // only_run_on_ml_node=false (a single node has no `ml` role), both registration paths (URL, chunked upload) on.
    ...CI_CLUSTER_SETTINGS,
    // Docker hosts' disks are often fuller than the 85/90/95 % watermarks allow; they would block system indices.
    'cluster.routing.allocation.disk.threshold_enabled': false,
    // A 1 GB heap trips the JVM breaker at its default of 85 % during deploys (§7, ml-commons#2308).
    'plugins.ml_commons.jvm_heap_memory_threshold': 100,
    'plugins.ml_commons.native_memory_threshold': 100,
    // With container reuse the node restarts with old models in its indices; nothing should come back on its own.
    'plugins.ml_commons.model_auto_redeploy.enable': false,
    // As on the native target: 0 stops MLSyncUpCron, whose race rewrote a model DEPLOY_FAILED during an undeploy on
    // 3.6.0 in CI (deploy-race.ts; ML Commons' PredictionITTests do the same).
    [SYNC_UP_SETTING]: 0,
  };
  if (semver.gte(version, DISK_FREE_SETTING_SINCE)) {
    settings['plugins.ml_commons.disk_free_space_threshold'] = 0;
  }
  return Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, String(value)]));
}

function checkVersion(version: string | undefined): string {
  if (version === undefined || semver.valid(version) === null || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new ContainerTargetError(
      'unsupported-version',
      `the container target needs an OpenSearch release version such as 2.19.1 (OPENSEARCH_VERSIONS), got ${JSON.stringify(version ?? '')}`,
    );
  }
  if (semver.lt(version, MIN_CONTAINER_VERSION)) {
    throw new ContainerTargetError(
      'unsupported-version',
      `OpenSearch ${version} is older than ${MIN_CONTAINER_VERSION}, the oldest line these suites describe; ` +
        'its image was never checked against the settings this target passes',
    );
  }
  return version;
}

export function buildContainerConfig(version: string | undefined, config: ContainerVars): ContainerConfig {
  const checked = checkVersion(version);
  const options = containerEnvOptions(config);
  const { image, pinned, local } = resolveImage(checked, config.OMLC_CONTAINER_IMAGE);
  if (options.security && local === true && !localImageHasSecurityPlugin(checked)) {
    throw new ContainerTargetError(
      'unsupported-version',
      `OMLC_CONTAINER_SECURITY=true needs the security plugin, and the local image of ${checked} has none: Maven ` +
        'Central does not serve its zip for this version. Use OMLC_CONTAINER_IMAGE=local with 2.19.1 for a secured ' +
        'local container, or the official image',
    );
  }
  if (options.security && semver.lt(checked, MIN_SECURED_VERSION)) {
    throw new ContainerTargetError(
      'unsupported-version',
      `OMLC_CONTAINER_SECURITY=true needs OpenSearch ${MIN_SECURED_VERSION} or later: the ${checked} image sets up ` +
        'the demo admin user with the fixed password "admin", which the testcontainers module cannot log in with; ' +
        'run this version with security off (the default)',
    );
  }
  const security: SecurityConfig = options.security
    ? { enabled: true, username: ADMIN_USERNAME, password: MODULE_ADMIN_PASSWORD, insecureTls: true }
    : { enabled: false };
  const securityEnvironment: Record<string, string> = options.security
    ? {}
    : {
        DISABLE_SECURITY_PLUGIN: 'true',
        DISABLE_INSTALL_DEMO_CONFIG: 'true',
        // Removes the module's own `plugins.security.disabled` (see HarnessOpenSearchContainer): together with
        // DISABLE_SECURITY_PLUGIN it would be the same -E setting twice, which OpenSearch refuses at startup.
        'plugins.security.disabled': '',
      };
  return {
    version: checked,
    image,
    imagePinned: pinned,
    localImage: local === true,
    network: options.network,
    environment: {
      ...containerSettings(checked),
      ...securityEnvironment,
      // 1 GB tripped the parent circuit breaker (429 "Data too large") with both MiniLM models and the neural checks.
      OPENSEARCH_JAVA_OPTS: '-Xms2g -Xmx2g',
    },
    httpPort: OPENSEARCH_HTTP_PORT,
    exposedPorts: MODULE_EXPOSED_PORTS,
    security,
    wait: {
      path: '/_cluster/health?wait_for_status=yellow&timeout=1s',
      port: OPENSEARCH_HTTP_PORT,
      tls: options.security,
      readTimeoutMs: 5_000,
      startupTimeoutMs: options.startupTimeoutMs,
    },
    reuse: options.reuse,
  };
}

export interface LoopbackPorts {
  readonly http: number;
  readonly transport: number;
}

/**
 * Host networking: the container shares this host's network stack, so OpenSearch must listen on loopback only (the
 * image's own `network.host` is every interface) and on free ports instead of 9200/9300; nothing is mapped.
 */
export function bindToLoopback(config: ContainerConfig, ports: LoopbackPorts): ContainerConfig {
  return {
    ...config,
    environment: {
      ...config.environment,
      'network.host': '127.0.0.1',
      'http.port': String(ports.http),
      'transport.port': String(ports.transport),
    },
    httpPort: ports.http,
    exposedPorts: [],
    wait: { ...config.wait, port: ports.http },
  };
}
