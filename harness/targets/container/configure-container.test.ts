/**
 * Checks the very OpenSearchContainer object the runtime would start (constructing it needs no Docker). Reading
 * testcontainers' protected fields is deliberate: without a runtime this is the only observable form of the config.
 */
import { parseRunConfig } from '../../config/run-config.ts';
import { describe, expect, it } from 'vitest';
import { planArtifactRoute } from './artifact-route.ts';
import { buildContainerConfig, MODULE_ADMIN_PASSWORD } from './container-config.ts';
import { configureOpenSearchContainer } from './configure-container.ts';

interface Inspectable {
  imageName: { string: string };
  environment: Record<string, string>;
  createOpts: { Env?: string[]; ExposedPorts?: Record<string, unknown> };
  hostConfig: { ExtraHosts?: string[] };
  reuse: boolean;
  startupTimeoutMs?: number;
  waitStrategy: {
    path: string;
    port: number;
    protocol: string;
    headers: Record<string, string>;
    _allowInsecure: boolean;
    readTimeoutMs: number;
    options: { abortOnContainerExit?: boolean };
  };
  beforeContainerCreated(): Promise<void>;
}

const aliasRoute = planArtifactRoute('http://host.testcontainers.internal:41234', false);

function build(version: string, env: Record<string, string>, route = aliasRoute): Inspectable {
  return configureOpenSearchContainer(
    buildContainerConfig(version, parseRunConfig(env)),
    route,
  ) as unknown as Inspectable;
}

async function finalEnv(container: Inspectable): Promise<string[]> {
  await container.beforeContainerCreated();
  return container.createOpts.Env ?? [];
}

describe('configureOpenSearchContainer', () => {
  it('security off: image, ports, plain-HTTP health wait, timeout, no reuse', () => {
    const container = build('2.19.1', {});
    expect(container.imageName.string).toBe('opensearchproject/opensearch:2.19.1');
    expect(Object.keys(container.createOpts.ExposedPorts ?? {})).toEqual(['9200/tcp', '9300/tcp', '9600/tcp']);
    expect(container.reuse).toBe(false);
    expect(container.startupTimeoutMs).toBe(180_000);
    expect(container.hostConfig.ExtraHosts).toBeUndefined();
    expect(container.waitStrategy).toMatchObject({
      path: '/_cluster/health?wait_for_status=yellow&timeout=1s',
      port: 9200,
      protocol: 'http',
      headers: {},
      _allowInsecure: false,
      readTimeoutMs: 5_000,
      options: { abortOnContainerExit: true },
    });
  });

  it('security off: exactly one way of disabling security reaches the entrypoint', async () => {
    const container = build('2.19.1', {});
    // What plain withEnvironment leaves behind: the module's value and ours, side by side.
    expect(container.createOpts.Env?.filter((e) => e.startsWith('plugins.security.disabled='))).toEqual([
      'plugins.security.disabled=false',
      'plugins.security.disabled=true',
      'plugins.security.disabled=',
    ]);
    const env = await finalEnv(container);
    expect(env.filter((e) => /security/i.test(e))).toEqual(['DISABLE_SECURITY_PLUGIN=true']);
    expect(env).toEqual(
      expect.arrayContaining([
        'discovery.type=single-node',
        'DISABLE_INSTALL_DEMO_CONFIG=true',
        'OPENSEARCH_JAVA_OPTS=-Xms2g -Xmx2g',
        'plugins.ml_commons.only_run_on_ml_node=false',
        'plugins.ml_commons.allow_registering_model_via_url=true',
        'plugins.ml_commons.jvm_heap_memory_threshold=100',
        'plugins.ml_commons.native_memory_threshold=100',
        'plugins.ml_commons.disk_free_space_threshold=0',
        'plugins.ml_commons.model_auto_redeploy.enable=false',
        'cluster.routing.allocation.disk.threshold_enabled=false',
      ]),
    );
    expect(new Set(env.map((e) => e.split('=')[0])).size).toBe(env.length);
  });

  it('security on: TLS wait with the admin credentials, security plugin left on', async () => {
    const container = build('3.1.0', { OMLC_CONTAINER_SECURITY: 'true' });
    expect(container.waitStrategy).toMatchObject({
      protocol: 'https',
      _allowInsecure: true,
      headers: { Authorization: `Basic ${Buffer.from(`admin:${MODULE_ADMIN_PASSWORD}`).toString('base64')}` },
    });
    const env = await finalEnv(container);
    expect(env).toContain('plugins.security.disabled=false');
    expect(env.some((e) => e.startsWith('DISABLE_'))).toBe(false);
  });

  it('2.13 passes no disk_free_space_threshold (the node would refuse an unknown setting)', async () => {
    const env = await finalEnv(build('2.13.0', {}));
    expect(env.some((e) => e.startsWith('plugins.ml_commons.disk_free_space_threshold='))).toBe(false);
  });

  it('reuse, startup timeout and an image mirror', () => {
    const container = build(
      '3.1.0',
      {
        OMLC_CONTAINER_REUSE: 'true',
        OMLC_CONTAINER_STARTUP_TIMEOUT: '300',
        OMLC_CONTAINER_IMAGE: 'mirror.example.com/opensearchproject/opensearch',
        OMLC_ARTIFACT_BASE_URL: 'http://host.docker.internal:8765',
      },
      planArtifactRoute('http://host.docker.internal:8765', true),
    );
    expect(container.reuse).toBe(true);
    expect(container.startupTimeoutMs).toBe(300_000);
    expect(container.imageName.string).toBe('mirror.example.com/opensearchproject/opensearch:3.1.0');
    expect(container.hostConfig.ExtraHosts).toEqual(['host.docker.internal:host-gateway']);
  });
});
