/**
 * The container target: the official `opensearchproject/opensearch:<version>` image (or `OMLC_CONTAINER_IMAGE`)
 * started through `@testcontainers/opensearch`. Details and environment switches: harness/targets/container/README.md.
 */
import { startContainerCluster } from '../container/start-container-cluster.ts';
import { configuredNodePaths } from '../shared/choose-registration.ts';
import type { LiveStartContext, StartedLiveTarget } from './started-target.ts';

export async function startContainerTarget(context: LiveStartContext): Promise<StartedLiveTarget> {
  if (context.version === undefined) {
    throw new Error(`${context.projectName}: the container target needs a version (OPENSEARCH_VERSIONS)`);
  }
  const cluster = await startContainerCluster({
    version: context.version,
    config: context.config,
    artifactBaseUrl: context.artifacts.baseUrl,
    log: context.log,
    signal: context.signal,
  });
  return {
    kind: 'container',
    label: `container ${cluster.version}`,
    connection: cluster.connection,
    // The official image ships ML Commons with DJL/PyTorch and ONNX Runtime: real inference, TorchScript included.
    capabilities: { torchScript: true, realInference: true, faultInjection: true, clusterSettingsWritable: true },
    registration: configuredNodePaths('the container’s environment'),
    version: cluster.version,
    distribution: cluster.distribution,
    stop: () => cluster.stop(),
  };
}
