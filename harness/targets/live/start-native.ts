/** The native target: OpenSearch + ML Commons assembled from Maven Central and started as a local process. */
import { startNativeCluster } from '../native/index.ts';
import { configuredNodePaths } from '../shared/choose-registration.ts';
import type { LiveStartContext, StartedLiveTarget } from './started-target.ts';

export async function startNativeTarget(context: LiveStartContext): Promise<StartedLiveTarget> {
  if (context.version === undefined) {
    throw new Error(`${context.projectName}: the native target needs a version (OPENSEARCH_VERSIONS)`);
  }
  const cluster = await startNativeCluster({
    version: context.version,
    onProgress: context.log,
    signal: context.signal,
    config: context.config,
  });
  return {
    kind: 'native',
    label: `native ${cluster.version}`,
    connection: { baseUrl: cluster.baseUrl },
    capabilities: { torchScript: true, realInference: true, faultInjection: false, clusterSettingsWritable: true },
    registration: configuredNodePaths('the node’s opensearch.yml'),
    version: cluster.version,
    distribution: cluster.distribution,
    stop: () => cluster.stop(),
  };
}
