/**
 * Applies a `ContainerConfig` to `@testcontainers/opensearch`'s `OpenSearchContainer`. Building the object talks to no
 * container runtime (only `start()` does), so tests check the exact object that would be started.
 */
import type { Readable } from 'node:stream';
import { OpenSearchContainer } from '@testcontainers/opensearch';
import { Wait, type WaitStrategy } from 'testcontainers';
import type { ArtifactRoute } from './artifact-route.ts';
import type { ContainerConfig } from './container-config.ts';
import { LoopbackHttpWait } from './loopback-wait.ts';

/**
 * `GenericContainer.withEnvironment` appends to Docker's `Env` list, so the module's own
 * `plugins.security.disabled=false` stays next to any later value. Docker keeps such duplicates and the image
 * entrypoint would turn each into an `-E` flag, which OpenSearch refuses ("setting … already set"). Just before the
 * container is created (after the pull, before the reuse hash), `Env` is rebuilt from the merged, last-wins map;
 * an empty value removes the variable. With host networking the module's port mappings are dropped there too:
 * nothing can be mapped, and testcontainers would wait for the mappings to appear.
 */
class HarnessOpenSearchContainer extends OpenSearchContainer {
  hostNetwork = false;

  protected override beforeContainerCreated(): Promise<void> {
    this.createOpts.Env = Object.entries(this.environment)
      .filter(([, value]) => value !== '')
      .map(([key, value]) => `${key}=${value}`);
    if (this.hostNetwork) {
      delete this.createOpts.ExposedPorts;
      delete this.hostConfig.PortBindings;
    }
    return Promise.resolve();
  }
}

export interface ContainerExtras {
  /** Labels that let the harness find its containers again (cleanup.ts). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Receives the container's output from its start on (kept for the error message of a failed start). */
  readonly logConsumer?: (stream: Readable) => unknown;
}

function waitStrategyFor(config: ContainerConfig): WaitStrategy {
  if (config.network === 'host') {
    const scheme = config.security.enabled ? 'https' : 'http';
    const headers: Record<string, string> = config.security.enabled
      ? {
          Authorization: `Basic ${Buffer.from(`${config.security.username}:${config.security.password}`).toString('base64')}`,
        }
      : {};
    return new LoopbackHttpWait(`${scheme}://127.0.0.1:${config.wait.port}${config.wait.path}`, {
      headers,
      insecureTls: config.security.enabled,
      readTimeoutMs: config.wait.readTimeoutMs,
    });
  }
  // abortOnContainerExit: a node that dies at startup (bad setting, entrypoint refusal) fails at once with the
  // container's last log lines instead of after the whole startup timeout.
  const wait = Wait.forHttp(config.wait.path, config.wait.port, { abortOnContainerExit: true })
    .forStatusCode(200)
    .withReadTimeout(config.wait.readTimeoutMs);
  if (config.security.enabled) {
    wait.withBasicCredentials(config.security.username, config.security.password).usingTls().allowInsecure();
  }
  return wait;
}

export function configureOpenSearchContainer(
  config: ContainerConfig,
  route: ArtifactRoute,
  extras: ContainerExtras = {},
): OpenSearchContainer {
  const container = new HarnessOpenSearchContainer(config.image).withSecurityEnabled(config.security.enabled);
  if (config.network === 'host') {
    container.hostNetwork = true;
    container.withNetworkMode('host');
  }
  if (extras.labels !== undefined) {
    container.withLabels({ ...extras.labels });
  }
  if (extras.logConsumer !== undefined) {
    container.withLogConsumer(extras.logConsumer);
  }
  if (config.security.enabled) {
    container.withPassword(config.security.password);
  }
  // After withSecurityEnabled: our environment must win over the module's `plugins.security.disabled`.
  container
    .withEnvironment({ ...config.environment })
    .withWaitStrategy(waitStrategyFor(config))
    .withStartupTimeout(config.wait.startupTimeoutMs);
  if (route.extraHosts.length > 0) {
    container.withExtraHosts(route.extraHosts.map((entry) => ({ ...entry })));
  }
  if (config.reuse) {
    container.withReuse();
  }
  return container;
}
