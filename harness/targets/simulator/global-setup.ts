/**
 * globalSetup of every `offline:<profile>` project: a real loopback artifact server (the simulator downloads
 * registered zips from it, as a cluster would), the tripwire behind the simulated cluster's URL, and the target
 * description test files inject. The simulator itself runs inside each test worker (worker-setup.ts), because
 * MSW only intercepts requests of the process it is started in.
 */
import type { TestProject } from 'vitest/node';
import { startArtifactServer } from '../../artifacts/artifact-server.ts';
import { runConfig } from '../../config/run-config.ts';
import { getProfile, type ProfileId } from '../../../mocks/profiles/index.ts';
import { startRun } from '../../run/start-run.ts';
import { engineProblem } from '../shared/neural-preflight.ts';
import { chooseRegistration, configuredNodePaths } from '../shared/choose-registration.ts';
import { publishFixtureArtifacts } from '../shared/publish-artifacts.ts';
import { announceTarget } from '../shared/run-label.ts';
import type { AvailableTarget } from '../target-info.ts';
import { startTripwire } from './tripwire-server.ts';
import { SIMULATOR_PROFILE_IDS } from './profile-ids.ts';
import '../../config/provided-context.ts';
import { reportingErrors } from '../../report/run-channel.ts';

function profileId(raw: string): ProfileId {
  const found = SIMULATOR_PROFILE_IDS.find((id) => id === raw);
  if (found === undefined) {
    throw new Error(`unknown simulator profile "${raw}"; known: ${SIMULATOR_PROFILE_IDS.join(', ')}`);
  }
  return found as ProfileId;
}

async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Takes over Ctrl-C for the run and checks the cards before anything starts (harness/run/start-run.ts).
  const stopped = startRun(project);
  if (stopped !== undefined) {
    project.provide('target', { available: false, kind: 'none', label: project.name, reason: stopped.message });
    project.provide('artifactUrls', {});
    return () => Promise.resolve();
  }
  const profile = getProfile(profileId(project.getProvidedContext().simulatorProfile ?? ''));
  const paths = configuredNodePaths('the simulated node’s settings');
  const choice = chooseRegistration(runConfig().OMLC_REGISTER_VIA, paths.url, paths.upload);
  if (!choice.ok) {
    throw new Error(`${project.name}: ${choice.reason}`);
  }
  const artifacts = await startArtifactServer();
  const tripwire = await startTripwire();
  const engine = runConfig().OMLC_KNN_ENGINE;
  // Every profile carries k-NN and neural-search (as every release since 2.9 bundles them); only the engine can be wrong.
  const engineIssue = engineProblem('simulator', engine);
  const target: AvailableTarget = {
    available: true,
    kind: 'simulator',
    label: `simulator ${profile.id}`,
    why: `offline project: MSW simulator emulating OpenSearch ${profile.version.number}`,
    connection: { baseUrl: tripwire.baseUrl },
    artifactBaseUrl: artifacts.baseUrl,
    version: profile.version.number,
    distribution: 'opensearch',
    capabilities: {
      torchScript: false,
      realInference: true,
      faultInjection: true,
      clusterSettingsWritable: true,
      syncUpJob: false,
    },
    registration: choice.plan,
    neural: engineIssue === undefined ? { engine } : { engine, unavailable: engineIssue },
    // Waits end when the simulator signals a finished task (change-signal.ts); the schedule is only the fallback.
    polling: { initialIntervalMs: 5, maxIntervalMs: 50, steadyForMs: 0 },
    searchRefreshMs: 0,
    timeouts: { undeployMs: 2_000, chunkCleanupMs: 2_000 },
  };
  project.provide('artifactUrls', await publishFixtureArtifacts(artifacts));
  project.provide('target', target);
  announceTarget(project.name, target.label, target.why);
  console.log(`[omlc] ${project.name}: registers models via ${choice.plan.via} (${choice.plan.why})`);
  return async () => {
    await Promise.all([artifacts.close(), tripwire.close()]);
  };
}

// An error of this setup or its teardown (e.g. the end-of-run leak audit) is a failure in the reports too.
export default reportingErrors(setup);
