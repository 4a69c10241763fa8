/**
 * globalSetup of the `upgrade:<from>→<to>` project: decides whether the rehearsal can run here (native target only),
 * prepares both versions (downloads, installs, libtorch) so the rehearsal's cases time the upgrade and not Maven,
 * serves the fixture artifacts, and provides the target (the new version) the checks' skip reasons are computed for.
 * The rehearsal itself starts and stops the nodes (suites/upgrade.rehearsal.ts).
 */
import { configuredNodePaths } from '../targets/shared/choose-registration.ts';
import { reportingErrors } from '../report/run-channel.ts';
import type { TestProject } from 'vitest/node';
import { startArtifactServer, type ArtifactServer } from '../artifacts/artifact-server.ts';
import '../config/provided-context.ts';
import { runConfig } from '../config/run-config.ts';
import { errorMessage } from '../errors/error-message.ts';
import { prepareNativeVersion, nativeAvailability, resolveNativePaths } from '../targets/native/index.ts';
import { artifactServerOptions } from '../targets/live/artifact-exposure.ts';
import { publishFixtureArtifacts } from '../targets/shared/publish-artifacts.ts';
import { announceTarget } from '../targets/shared/run-label.ts';
import { decideUpgradeTarget } from './upgrade-plan.ts';

async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { upgradePlan: plan, runId } = project.getProvidedContext();
  const config = runConfig();
  const log = (line: string): void => console.log(`[omlc] ${project.name}: ${line}`);
  if (plan === undefined) {
    throw new Error(`${project.name}: the upgrade project was configured without an upgradePlan`);
  }
  const label = `native ${plan.from}→${plan.to}`;
  const unavailable = (reason: string, failed: boolean): (() => Promise<void>) => {
    project.provide('target', {
      available: false,
      kind: 'native',
      label,
      reason,
      ...(failed ? { failure: reason } : {}),
    });
    project.provide('artifactUrls', {});
    announceTarget(project.name, failed ? 'FAILED' : 'skipped', reason);
    return () => Promise.resolve();
  };
  const decision = await decideUpgradeTarget(plan, async (versions) => {
    const result = await nativeAvailability({ versions, config });
    return result.ok ? { ok: true, detail: result.why } : { ok: false, detail: result.reason };
  });
  if (decision.kind === 'none') {
    return unavailable(decision.reason, decision.failed === true);
  }
  announceTarget(project.name, label, decision.why);
  let artifacts: ArtifactServer | undefined;
  try {
    const paths = resolveNativePaths(config);
    for (const version of [plan.from, plan.to]) {
      await prepareNativeVersion({ version, paths, config, onProgress: log });
    }
    artifacts = await startArtifactServer(artifactServerOptions('native', config));
    project.provide('artifactUrls', await publishFixtureArtifacts(artifacts, log));
  } catch (error) {
    await artifacts?.close();
    const failure = errorMessage(error);
    log(`could not prepare the rehearsal:\n${failure}`);
    return unavailable(failure.split('\n', 1)[0] ?? failure, true);
  }
  project.provide('target', {
    available: true,
    kind: 'native',
    label,
    why: decision.why,
    // No node runs between the rehearsal's cases; each describe starts its own on a kept data dir.
    connection: { baseUrl: 'http://127.0.0.1:9' },
    artifactBaseUrl: artifacts.baseUrl,
    version: plan.to,
    distribution: 'opensearch',
    // The rehearsal node keeps ML Commons' default sync-up interval: auto-redeploy after a restart depends on it.
    capabilities: {
      torchScript: true,
      realInference: true,
      faultInjection: false,
      clusterSettingsWritable: true,
      syncUpJob: true,
    },
    neural: { engine: 'lucene', unavailable: 'the upgrade rehearsal runs no neural checks' },
    // The rehearsal registers by URL on its own node, whose opensearch.yml allows both paths.
    registration: {
      via: 'url',
      why: 'the rehearsal registers by URL on its own node',
      ...configuredNodePaths('the rehearsal node’s opensearch.yml'),
    },
  });
  log(`run ${runId}: artifacts served at ${artifacts.baseUrl}`);
  const server = artifacts;
  return () => server.close();
}

// An error of this setup or its teardown is a failure in the reports too.
export default reportingErrors(setup);
