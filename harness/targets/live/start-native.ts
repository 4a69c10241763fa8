/**
 * The native target: OpenSearch + ML Commons assembled from Maven Central and started as a local process. The node
 * runs with ML Commons' sync-up job off (deploy-race.ts: the setting ML Commons' own ITs change to avoid the race),
 * and is watched: if it exits during the run, `lost` says how, with the tail of its log.
 */
import { SYNC_UP_SETTING } from '../../lifecycle/deploy-race.ts';
import { readTail, startNativeCluster, type NodeExit } from '../native/index.ts';
import { configuredNodePaths } from '../shared/choose-registration.ts';
import type { LiveStartContext, StartedLiveTarget } from './started-target.ts';

/** Lines of the node's log in the "node exited" message: enough for the cause, within a short run output. */
const LOST_LOG_LINES = 20;

export async function startNativeTarget(context: LiveStartContext): Promise<StartedLiveTarget> {
  if (context.version === undefined) {
    throw new Error(`${context.projectName}: the native target needs a version (OPENSEARCH_VERSIONS)`);
  }
  const cluster = await startNativeCluster({
    version: context.version,
    onProgress: context.log,
    signal: context.signal,
    config: context.config,
    // 0 stops MLSyncUpCron, so a COMPLETED deploy keeps its routing (PredictionITTests does the same; the REST ITs use 3).
    extraSettings: { [SYNC_UP_SETTING]: 0 },
  });
  const lost = cluster.died.then(async (exit: NodeExit) => {
    const tail = await readTail(exit.consoleLog, LOST_LOG_LINES);
    return (
      `OpenSearch ${cluster.version} (pid ${cluster.pid}), started by the harness, exited during the run (${exit.how}); ` +
      `the run stops here.\n--- last ${LOST_LOG_LINES} lines of ${exit.consoleLog} ---\n${tail}\n--- logs kept in ${cluster.logsDir} ---`
    );
  });
  return {
    kind: 'native',
    label: `native ${cluster.version}`,
    connection: { baseUrl: cluster.baseUrl },
    capabilities: { torchScript: true, realInference: true, faultInjection: true, clusterSettingsWritable: true },
    registration: configuredNodePaths('the node’s opensearch.yml'),
    version: cluster.version,
    distribution: cluster.distribution,
    lost,
    stop: (options) => cluster.stop({ removeRunDir: options?.interrupted === true }),
  };
}
