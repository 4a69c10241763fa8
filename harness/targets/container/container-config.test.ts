import { parseRunConfig } from '../../config/run-config.ts';
import { describe, expect, it } from 'vitest';
import {
  bindToLoopback,
  buildContainerConfig as buildFromConfig,
  containerSettings,
  MODULE_ADMIN_PASSWORD,
} from './container-config.ts';
import { isContainerTargetError, type ContainerErrorCode } from './errors.ts';

/** The container configuration for `version` from environment variables (parsed as the run configuration does). */
function buildContainerConfig(version: string | undefined, env: Record<string, string>) {
  return buildFromConfig(version, parseRunConfig(env));
}

const ML_SETTINGS = {
  'plugins.ml_commons.only_run_on_ml_node': 'false',
  'plugins.ml_commons.allow_registering_model_via_url': 'true',
  'plugins.ml_commons.allow_registering_model_via_local_file': 'true',
  'plugins.ml_commons.jvm_heap_memory_threshold': '100',
  'plugins.ml_commons.native_memory_threshold': '100',
  'plugins.ml_commons.model_auto_redeploy.enable': 'false',
  'plugins.ml_commons.sync_up_job_interval_in_seconds': '0',
  'cluster.routing.allocation.disk.threshold_enabled': 'false',
};
const SECURITY_OFF = {
  DISABLE_SECURITY_PLUGIN: 'true',
  DISABLE_INSTALL_DEMO_CONFIG: 'true',
  'plugins.security.disabled': '',
};
const HEAP = { OPENSEARCH_JAVA_OPTS: '-Xms2g -Xmx2g' };

function refusal(code: ContainerErrorCode, run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isContainerTargetError(error, code)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a ContainerTargetError');
}

describe('buildContainerConfig', () => {
  it('2.13 without security: ML settings without disk_free_space_threshold (unknown before 2.16), plain HTTP', () => {
    expect(buildContainerConfig('2.13.0', {})).toEqual({
      version: '2.13.0',
      image: 'opensearchproject/opensearch:2.13.0',
      imagePinned: false,
      localImage: false,
      network: 'bridge',
      environment: { ...ML_SETTINGS, ...SECURITY_OFF, ...HEAP },
      httpPort: 9200,
      exposedPorts: [9200, 9300, 9600],
      security: { enabled: false },
      wait: {
        path: '/_cluster/health?wait_for_status=yellow&timeout=1s',
        port: 9200,
        tls: false,
        readTimeoutMs: 5_000,
        startupTimeoutMs: 180_000,
      },
      reuse: false,
    });
  });

  it('2.19 adds disk_free_space_threshold=0', () => {
    const config = buildContainerConfig('2.19.1', {});
    expect(config.image).toBe('opensearchproject/opensearch:2.19.1');
    expect(config.environment).toEqual({
      ...ML_SETTINGS,
      'plugins.ml_commons.disk_free_space_threshold': '0',
      ...SECURITY_OFF,
      ...HEAP,
    });
  });

  it.for([
    ['2.15.0', false],
    ['2.16.0', true],
    ['3.1.0', true],
    ['3.6.0', true],
  ] as const)('disk_free_space_threshold on %s: %s', ([version, present]) => {
    expect('plugins.ml_commons.disk_free_space_threshold' in containerSettings(version)).toBe(present);
  });

  it('3.x with security on: the module default admin, TLS wait with credentials, no security switches', () => {
    const config = buildContainerConfig('3.1.0', { OMLC_CONTAINER_SECURITY: 'true' });
    expect(config.security).toEqual({
      enabled: true,
      username: 'admin',
      password: MODULE_ADMIN_PASSWORD,
      insecureTls: true,
    });
    expect(config.wait.tls).toBe(true);
    expect(config.environment).toEqual({
      ...ML_SETTINGS,
      'plugins.ml_commons.disk_free_space_threshold': '0',
      ...HEAP,
    });
    expect(
      Object.keys(config.environment).filter((key) => key.includes('security') || key.startsWith('DISABLE_')),
    ).toEqual([]);
  });

  it('security on is accepted from 2.12 (initial admin password) and refused before, with the reason', () => {
    expect(buildContainerConfig('2.12.0', { OMLC_CONTAINER_SECURITY: 'true' }).security.enabled).toBe(true);
    expect(
      refusal('unsupported-version', () => buildContainerConfig('2.11.1', { OMLC_CONTAINER_SECURITY: 'true' })),
    ).toBe(
      'OMLC_CONTAINER_SECURITY=true needs OpenSearch 2.12.0 or later: the 2.11.1 image sets up the demo admin user ' +
        'with the fixed password "admin", which the testcontainers module cannot log in with; run this version ' +
        'with security off (the default)',
    );
    expect(buildContainerConfig('2.11.1', {}).security.enabled).toBe(false);
  });

  it('reuse and startup timeout come from the environment', () => {
    const config = buildContainerConfig('2.19.1', {
      OMLC_CONTAINER_REUSE: 'true',
      OMLC_CONTAINER_STARTUP_TIMEOUT: '420',
    });
    expect(config.reuse).toBe(true);
    expect(config.wait.startupTimeoutMs).toBe(420_000);
  });

  it('an image override keeps the version as tag unless it pins one', () => {
    const mirror = { OMLC_CONTAINER_IMAGE: 'mirror.example.com/opensearchproject/opensearch' };
    expect(buildContainerConfig('3.1.0', mirror)).toMatchObject({
      image: 'mirror.example.com/opensearchproject/opensearch:3.1.0',
      imagePinned: false,
    });
    expect(buildContainerConfig('2.19.1', { OMLC_CONTAINER_IMAGE: 'local/os-ml-offline:2.19.1' })).toMatchObject({
      image: 'local/os-ml-offline:2.19.1',
      imagePinned: true,
    });
  });

  it.for([
    [
      undefined,
      'the container target needs an OpenSearch release version such as 2.19.1 (OPENSEARCH_VERSIONS), got ""',
    ],
    [
      '2.19',
      'the container target needs an OpenSearch release version such as 2.19.1 (OPENSEARCH_VERSIONS), got "2.19"',
    ],
    ['3.0.0-beta1', 'got "3.0.0-beta1"'],
    [
      '2.9.0',
      'OpenSearch 2.9.0 is older than 2.11.0, the oldest line these suites describe; its image was never checked ' +
        'against the settings this target passes',
    ],
    ['1.3.20', 'OpenSearch 1.3.20 is older than 2.11.0'],
  ] as const)('refuses version %j', ([version, message]) => {
    expect(refusal('unsupported-version', () => buildContainerConfig(version, {}))).toContain(message);
  });

  it('reports a bad image reference before anything else', () => {
    expect(refusal('bad-env', () => buildContainerConfig('2.19.1', { OMLC_CONTAINER_IMAGE: 'Bad Image' }))).toContain(
      'OMLC_CONTAINER_IMAGE="Bad Image" contains whitespace',
    );
  });
  it('OMLC_CONTAINER_IMAGE=local: omlc/opensearch-ml:<version>, security only where the image has the plugin', () => {
    expect(buildContainerConfig('3.6.0', { OMLC_CONTAINER_IMAGE: 'local' })).toMatchObject({
      image: 'omlc/opensearch-ml:3.6.0',
      imagePinned: false,
      localImage: true,
    });
    const secured = { OMLC_CONTAINER_IMAGE: 'local', OMLC_CONTAINER_SECURITY: 'true' };
    expect(buildContainerConfig('2.19.1', secured).security.enabled).toBe(true);
    expect(refusal('unsupported-version', () => buildContainerConfig('2.19.6', secured))).toBe(
      'OMLC_CONTAINER_SECURITY=true needs the security plugin, and the local image of 2.19.6 has none: Maven ' +
        'Central does not serve its zip for this version. Use OMLC_CONTAINER_IMAGE=local with 2.19.1 for a secured ' +
        'local container, or the official image',
    );
  });

  it('host network: loopback listen address and ports as settings, nothing mapped, the wait on that port', () => {
    const config = bindToLoopback(buildContainerConfig('3.6.0', { OMLC_CONTAINER_NETWORK: 'host' }), {
      http: 41001,
      transport: 41002,
    });
    expect(config).toMatchObject({ network: 'host', httpPort: 41001, exposedPorts: [], wait: { port: 41001 } });
    expect(config.environment).toMatchObject({
      'network.host': '127.0.0.1',
      'http.port': '41001',
      'transport.port': '41002',
    });
  });
});
