/**
 * globalSetup of every `live:*` project: decides the target (printing which and why), starts or connects to it,
 * warns about other runs' leftovers on it, serves the fixture artifacts to it, provides the target to the test files,
 * and at the end sweeps and audits the cluster for anything carrying this run's id, then stops what it started.
 *
 * The run as a whole (harness/run/): the first global setup takes over SIGINT/SIGTERM and checks the run's inputs; a
 * setup does not start anything once the run is aborted. A target that should have worked but did not start aborts
 * the run with its one message. A cluster the harness started that dies during the run aborts it too, at once.
 */
import type { TestProject } from 'vitest/node';
import { startArtifactServer, type ArtifactServer } from '../../artifacts/artifact-server.ts';
import { runConfig } from '../../config/run-config.ts';
import { errorMessage } from '../../errors/error-message.ts';
import { abortRun, onRunAbort, runAbort } from '../../run/run-state.ts';
import { startRun } from '../../run/start-run.ts';
import { createMlClient } from '../../ml/client.ts';
import { probeNeuralSupport } from '../shared/neural-preflight.ts';
import { chooseRegistration } from '../shared/choose-registration.ts';
import { publishFixtureArtifacts } from '../shared/publish-artifacts.ts';
import { announceTarget } from '../shared/run-label.ts';
import type { AvailableTarget, NeuralSupport, ProvidedTarget } from '../target-info.ts';
import { artifactServerOptions } from './artifact-exposure.ts';
import { endOfRunAudit, readSyncUpInterval, warnAboutLeftovers } from './run-audit.ts';
import { localProbes } from './probes.ts';
import { resolveLiveTarget } from './resolve-live-target.ts';
import { startLiveTarget } from './start-live-target.ts';
import type { StartedLiveTarget } from './started-target.ts';
import '../../config/provided-context.ts';
import { reportingErrors } from '../../report/run-channel.ts';

const noop = (): Promise<void> => Promise.resolve();

function unavailable(project: TestProject, kind: ProvidedTarget['kind'], reason: string): void {
  project.provide('target', { available: false, kind, label: project.name, reason });
  project.provide('artifactUrls', {});
}

async function probeNeural(started: StartedLiveTarget): Promise<NeuralSupport> {
  const client = createMlClient(started.connection);
  try {
    return await probeNeuralSupport(client, started, runConfig().OMLC_KNN_ENGINE);
  } finally {
    await client.close();
  }
}

async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { livePlan: plan, runId } = project.getProvidedContext();
  if (plan === undefined) {
    throw new Error(
      `${project.name}: live/global-setup.ts belongs to the live projects, which vitest.config.ts gives a livePlan`,
    );
  }
  const log = (line: string): void => console.log(`[omlc] ${project.name}: ${line}`);
  const stopped = startRun(project);
  if (stopped !== undefined) {
    unavailable(project, 'none', `not started: ${stopped.message}`);
    return noop;
  }
  const decision = await resolveLiveTarget(plan, localProbes);
  if (decision.kind === 'none') {
    announceTarget(project.name, decision.failed === true ? 'FAILED' : 'skipped', decision.reason);
    unavailable(project, 'none', decision.reason);
    if (decision.failed === true) {
      abortRun({ kind: 'target-failed', project: project.name, message: decision.reason });
    }
    return noop;
  }

  announceTarget(project.name, decision.kind, decision.why);
  // Ctrl-C while the cluster starts: the start is abandoned (a native node half up is stopped by its start).
  const abort = new AbortController();
  const stopWatchingAbort = onRunAbort(() => abort.abort());
  let artifacts: ArtifactServer | undefined;
  let started: StartedLiveTarget | undefined;
  try {
    artifacts = await startArtifactServer(artifactServerOptions(decision.kind, runConfig()));
    project.provide('artifactUrls', await publishFixtureArtifacts(artifacts, log));
    started = await startLiveTarget(decision.kind, {
      projectName: project.name,
      version: plan.version,
      artifacts,
      config: runConfig(),
      log,
      signal: abort.signal,
    });
  } catch (error) {
    stopWatchingAbort();
    await artifacts?.close();
    const interrupted = runAbort();
    if (interrupted !== undefined) {
      unavailable(project, decision.kind, `not started: ${interrupted.message}`);
      return noop;
    }
    const failure = errorMessage(error);
    console.error(`[omlc] ${project.name}: could not start the ${decision.kind} target:\n${failure}`);
    unavailable(project, decision.kind, failure.split('\n', 1)[0] ?? failure);
    abortRun({ kind: 'target-failed', project: project.name, message: failure.split('\n', 1)[0] ?? failure });
    return noop;
  }
  stopWatchingAbort();

  const choice = chooseRegistration(
    runConfig().OMLC_REGISTER_VIA,
    started.registration.url,
    started.registration.upload,
  );
  if (!choice.ok) {
    // Only reachable for a forced path on a configured node; the external pre-flight already refused otherwise.
    console.error(`[omlc] ${project.name}: cannot register models on ${started.label}: ${choice.reason}`);
    await started.stop();
    await artifacts.close();
    unavailable(project, decision.kind, choice.reason);
    abortRun({ kind: 'target-failed', project: project.name, message: choice.reason });
    return noop;
  }
  const neural = await probeNeural(started);
  log(
    neural.unavailable === undefined
      ? `neural pre-flight: k-NN and neural-search present, engine ${neural.engine}`
      : `neural pre-flight: the neural checks will be skipped: ${neural.unavailable}`,
  );
  const target: AvailableTarget = {
    available: true,
    kind: started.kind,
    label: started.label,
    why: decision.why,
    connection: started.connection,
    artifactBaseUrl: artifacts.baseUrl,
    version: started.version,
    distribution: started.distribution,
    capabilities: { ...started.capabilities, syncUpJob: (await readSyncUpInterval(started, log)) > 0 },
    neural,
    registration: choice.plan,
  };
  project.provide('target', target);
  log(`${started.label} ready; artifacts served at ${artifacts.baseUrl}`);
  log(`registers models via ${choice.plan.via} (${choice.plan.why})`);
  await warnAboutLeftovers(started, runId, log);

  const running = started;
  const server = artifacts;
  let lost = false;
  void running.lost?.then((message) => {
    lost = true;
    console.error(`[omlc] ${project.name}: ${message}`);
    abortRun({ kind: 'target-lost', project: project.name, message: `${running.label} exited during the run` });
  });
  return async () => {
    const ended = runAbort();
    const interrupted = ended?.kind === 'interrupted';
    try {
      if (!lost) {
        await endOfRunAudit(running, { runId, project: project.name, interrupted, log });
      }
    } finally {
      await running.stop({ interrupted });
      await server.close();
    }
  };
}

// An error of this setup or its teardown (e.g. the end-of-run leak audit) is a failure in the reports too.
export default reportingErrors(setup);
