/**
 * globalSetup of every `offline:<profile>` project: a real loopback artifact server (the simulator downloads
 * registered zips from it, as a cluster would), the tripwire behind the simulated cluster's URL, and the target
 * description test files inject. The simulator itself runs inside each test worker (worker-setup.ts), because
 * MSW only intercepts requests of the process it is started in.
 */
import type { TestProject } from 'vitest/node';
import { startArtifactServer } from '../../artifacts/artifact-server.ts';
import { getProfile, type ProfileId } from '../../../mocks/profiles/index.ts';
import { runConfig } from '../../config/run-config.ts';
import { chooseRegistration, configuredNodePaths } from '../shared/choose-registration.ts';
import { publishFixtureArtifacts } from '../shared/publish-artifacts.ts';
import { announceTarget } from '../shared/run-label.ts';
import type { AvailableTarget } from '../target-info.ts';
import { startTripwire } from './tripwire-server.ts';
import { SIMULATOR_PROFILE_IDS } from './profile-ids.ts';
import '../../config/provided-context.ts';

function profileId(raw: string): ProfileId {
  const found = SIMULATOR_PROFILE_IDS.find((id) => id === raw);
  if (found === undefined) {
    throw new Error(`unknown simulator profile "${raw}"; known: ${SIMULATOR_PROFILE_IDS.join(', ')}`);
  }
  return found as ProfileId;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const profile = getProfile(profileId(project.getProvidedContext().simulatorProfile ?? ''));
  const paths = configuredNodePaths('the simulated node’s settings');
  const choice = chooseRegistration(runConfig().OMLC_REGISTER_VIA, paths.url, paths.upload);
  if (!choice.ok) {
    throw new Error(`${project.name}: ${choice.reason}`);
  }
  const artifacts = await startArtifactServer();
  const tripwire = await startTripwire();
  const target: AvailableTarget = {
    available: true,
    kind: 'simulator',
    label: `simulator ${profile.id}`,
    why: `offline project: MSW simulator emulating OpenSearch ${profile.version.number}`,
    connection: { baseUrl: tripwire.baseUrl },
    artifactBaseUrl: artifacts.baseUrl,
    version: profile.version.number,
    distribution: 'opensearch',
    capabilities: { torchScript: false, realInference: true, faultInjection: true, clusterSettingsWritable: true },
    registration: choice.plan,
    polling: { initialIntervalMs: 5, maxIntervalMs: 50 },
    chunkCleanupMs: 2_000,
  };
  project.provide('artifactUrls', await publishFixtureArtifacts(artifacts));
  project.provide('target', target);
  announceTarget(project.name, target.label, target.why);
  console.log(`[omlc] ${project.name}: registers models via ${choice.plan.via} (${choice.plan.why})`);
  return async () => {
    await Promise.all([artifacts.close(), tripwire.close()]);
  };
}
