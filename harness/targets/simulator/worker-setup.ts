/**
 * setupFiles entry of the offline projects, run in each test worker before its test file: starts the simulator
 * (MSW) for the provided profile, proves interception with the sentinel, and configures the simulated cluster
 * the way the native target configures a real one (URL registration on, models allowed on the data node).
 */
import { runConfig } from '../../config/run-config.ts';
import { afterAll, inject } from 'vitest';
import { assertInterception, createSimulator, startSimulatorServer, type ProfileId } from '../../../mocks/index.ts';
import { installChangeSignal } from '../../ml/change-signal.ts';
import { conformanceCards } from '../../suite/fixtures.ts';
import { CI_CLUSTER_SETTINGS } from '../shared/cluster-settings.ts';
import { setActiveSimulator } from './active-simulator.ts';
import { applyMisbehaviour } from './misbehaviour.ts';
import { simulatorInference } from './inference.ts';
import '../../config/provided-context.ts';

const target = inject('target');
const profile = inject('simulatorProfile');
if (!target.available || profile === undefined) {
  throw new Error('worker-setup.ts belongs to the offline projects, whose globalSetup provides a simulator target');
}

const sim = createSimulator({
  profile: profile as ProfileId,
  baseUrl: target.connection.baseUrl,
  inference: simulatorInference(conformanceCards()),
  // The native target writes these into opensearch.yml; the simulator takes them as its node settings too.
  nodeSettings: CI_CLUSTER_SETTINGS,
  // Tasks still progress asynchronously (CREATED → RUNNING → COMPLETED), just in milliseconds.
  delays: { registerMs: 1, deployMs: 1, taskStepMs: 1 },
});
const server = startSimulatorServer(sim);
setActiveSimulator(sim);
// Waits poll again the moment a simulated task ends, instead of sleeping out their interval.
installChangeSignal(() => sim.nextChange());
applyMisbehaviour(sim, runConfig().OMLC_SIMULATOR_MISBEHAVE);

await assertInterception(target.connection.baseUrl, { instanceId: sim.instanceId });

afterAll(() => {
  installChangeSignal(undefined);
  setActiveSimulator(undefined);
  server.close();
});
