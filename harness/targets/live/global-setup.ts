/**
 * globalSetup of every `live:*` project: decides the target (printing which and why), starts or connects to it,
 * serves the fixture artifacts to it, provides the target to the test files, and at the end audits the cluster for
 * anything carrying this run's id, then stops what it started. A target that should have worked but did not start
 * is provided as failed, so every live check fails with the reason while the offline projects still report.
 */
import { errorMessage } from '../../errors/error-message.ts';
import type { TestProject } from 'vitest/node';
import { startArtifactServer, type ArtifactServer } from '../../artifacts/artifact-server.ts';
import { runConfig } from '../../config/run-config.ts';
import { findScopeLeaks, LeakError, sweepLeaks } from '../../lifecycle/scope-audit.ts';
import { createMlClient } from '../../ml/client.ts';
import { chooseRegistration } from '../shared/choose-registration.ts';
import { publishFixtureArtifacts } from '../shared/publish-artifacts.ts';
import { announceTarget } from '../shared/run-label.ts';
import type { AvailableTarget, ProvidedTarget } from '../target-info.ts';
import { artifactServerOptions } from './artifact-exposure.ts';
import { localProbes } from './probes.ts';
import { resolveLiveTarget } from './resolve-live-target.ts';
import { startLiveTarget } from './start-live-target.ts';
import type { StartedLiveTarget } from './started-target.ts';
import '../../config/provided-context.ts';

async function auditRun(started: StartedLiveTarget, runId: string, log: (line: string) => void): Promise<void> {
  const client = createMlClient(started.connection);
  try {
    const leaks = await findScopeLeaks(client, runId);
    if (leaks.length === 0) {
      log(`leak audit: nothing with run id ${runId} remains`);
      return;
    }
    const sweep = await sweepLeaks(client, leaks);
    log(
      `leak audit: swept ${sweep.entries.length} resource(s) (${sweep.ok ? 'all removed' : 'some could not be removed'})`,
    );
    throw new LeakError(leaks, `end of run on ${started.label}`);
  } finally {
    await client.close();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { livePlan: plan, runId } = project.getProvidedContext();
  if (plan === undefined) {
    throw new Error(
      `${project.name}: live/global-setup.ts belongs to the live projects, which vitest.config.ts gives a livePlan`,
    );
  }
  const log = (line: string): void => console.log(`[omlc] ${project.name}: ${line}`);
  const abort = new AbortController();
  const decision = await resolveLiveTarget(plan, localProbes);
  if (decision.kind === 'none') {
    const target: ProvidedTarget = {
      available: false,
      kind: 'none',
      label: project.name,
      reason: decision.reason,
      ...(decision.failed === true ? { failure: decision.reason } : {}),
    };
    project.provide('target', target);
    project.provide('artifactUrls', {});
    announceTarget(project.name, decision.failed === true ? 'FAILED' : 'skipped', decision.reason);
    return () => Promise.resolve();
  }

  announceTarget(project.name, decision.kind, decision.why);
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
    await artifacts?.close();
    const failure = errorMessage(error);
    log(`could not start the ${decision.kind} target:\n${failure}`);
    project.provide('target', {
      available: false,
      kind: decision.kind,
      label: `${decision.kind} ${plan.version ?? ''}`.trim(),
      reason: failure,
      failure: failure.split('\n', 1)[0] ?? failure,
    });
    return () => Promise.resolve();
  }

  const choice = chooseRegistration(
    runConfig().OMLC_REGISTER_VIA,
    started.registration.url,
    started.registration.upload,
  );
  if (!choice.ok) {
    // Only reachable for a forced path on a configured node; the external pre-flight already refused otherwise.
    log(`cannot register models on ${started.label}: ${choice.reason}`);
    await started.stop();
    await artifacts.close();
    project.provide('target', {
      available: false,
      kind: started.kind,
      label: started.label,
      reason: choice.reason,
      failure: choice.reason,
    });
    return () => Promise.resolve();
  }
  const target: AvailableTarget = {
    available: true,
    kind: started.kind,
    label: started.label,
    why: decision.why,
    connection: started.connection,
    artifactBaseUrl: artifacts.baseUrl,
    version: started.version,
    distribution: started.distribution,
    capabilities: started.capabilities,
    registration: choice.plan,
  };
  project.provide('target', target);
  log(`${started.label} ready; artifacts served at ${artifacts.baseUrl}`);
  log(`registers models via ${choice.plan.via} (${choice.plan.why})`);

  const running = started;
  const server = artifacts;
  return async () => {
    abort.abort();
    try {
      await auditRun(running, runId, log);
    } finally {
      await running.stop();
      await server.close();
    }
  };
}
