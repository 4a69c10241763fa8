/**
 * The external target: a cluster someone else runs, configured from OPENSEARCH_* variables (external/README.md).
 * Validates the environment, waits for the cluster (failing at once on credentials and TLS mistakes), then runs
 * the pre-flight before any lifecycle starts. Without OPENSEARCH_ALLOW_SETTINGS_CHANGES=true nothing on the cluster
 * is changed and blocking problems fail the start; with it, the needed settings are set and restored in `stop()`.
 */
import { createMlClient, type MlClient } from '../../ml/client.ts';
import type { ClusterInfo } from '../../ml/cluster-api.ts';
import { connectExternal } from '../external/connect.ts';
import { externalConfig, type ExternalConfig } from '../external/external-env.ts';
import { preflightFindings } from '../external/preflight.ts';
import { readPreflightFacts, type FactsInput } from '../external/preflight-facts.ts';
import { formatChanges, formatFinding, preflightError } from '../external/preflight-report.ts';
import { planRegistrationPreflight, registrationAvailability } from '../external/registration-preflight.ts';
import { applySettingChanges, type AppliedSettings } from '../external/settings-changes.ts';
import type { PathAvailability, RegistrationPath } from '../target-info.ts';
import type { LiveStartContext, StartedLiveTarget } from './started-target.ts';

/** Shape of the URLs the artifact server publishes (`/sha256/<digest>/<basename>`), for the regex check. */
const SAMPLE_ARTIFACT_PATH = `/sha256/${'0'.repeat(64)}/model.zip`;

async function connect(config: ExternalConfig, context: LiveStartContext, client: MlClient): Promise<ClusterInfo> {
  const started = Date.now();
  const info = await connectExternal(config, client, context.signal);
  context.log(
    `${config.url} answered as ${config.identity}: ${info.distribution} ${info.versionNumber} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return info;
}

interface PreflightOutcome {
  readonly applied: AppliedSettings | undefined;
  readonly registration: Record<RegistrationPath, PathAvailability>;
}

/**
 * Reads the cluster, picks the registration path (OMLC_REGISTER_VIA; `auto`: URL where it works, else upload) and
 * fails on what would block the run; with OPENSEARCH_ALLOW_SETTINGS_CHANGES=true it sets what is needed instead.
 */
async function preflight(
  config: ExternalConfig,
  context: LiveStartContext,
  client: MlClient,
  facts: FactsInput,
): Promise<PreflightOutcome> {
  const findings = preflightFindings(await readPreflightFacts(client, facts));
  const plan = planRegistrationPreflight(findings, context.config.OMLC_REGISTER_VIA, config.allowSettingsChanges);
  for (const finding of findings.filter((f) => f.severity !== 'blocking')) {
    context.log(`pre-flight ${formatFinding(finding)}`);
  }
  for (const finding of plan.setAside) {
    context.log(`pre-flight (not needed: registering via ${plan.via}) ${formatFinding(finding)}`);
  }
  const { blocking } = plan;
  if (blocking.length === 0) {
    context.log(`pre-flight: nothing blocks the live checks (registering via ${plan.via})`);
    return { applied: undefined, registration: registrationAvailability(findings) };
  }
  if (plan.neither || !config.allowSettingsChanges || blocking.some((f) => f.change === undefined)) {
    throw preflightError(config.url, blocking, config.allowSettingsChanges, plan.neither);
  }
  const applied = await applySettingChanges(
    client,
    blocking.flatMap((f) => (f.change === undefined ? [] : [f.change])),
  );
  context.log(
    `pre-flight: OPENSEARCH_ALLOW_SETTINGS_CHANGES=true, changed ${formatChanges(applied.changes)}; restored at the ` +
      `end of the run (if the run is killed first: PUT _cluster/settings ${applied.restoreBody})`,
  );
  const after = preflightFindings(await readPreflightFacts(client, facts));
  const remaining = planRegistrationPreflight(after, plan.via, false).blocking;
  if (remaining.length > 0) {
    await applied.restore();
    throw preflightError(config.url, remaining, true);
  }
  return { applied, registration: registrationAvailability(after) };
}

export async function startExternalTarget(context: LiveStartContext): Promise<StartedLiveTarget> {
  const config = externalConfig(context.config);
  if (config.connection.insecureTls === true) {
    context.log(
      `WARNING: OPENSEARCH_INSECURE=true: TLS certificate verification is OFF for ${config.url}; anyone on the ` +
        'network path could pose as the cluster and read the credentials. Prefer OPENSEARCH_CA_FILE.',
    );
  }
  const client = createMlClient(config.connection);
  let applied: AppliedSettings | undefined;
  let registration: PreflightOutcome['registration'];
  let info: ClusterInfo;
  try {
    info = await connect(config, context, client);
    ({ applied, registration } = await preflight(config, context, client, {
      clusterUrl: config.url,
      version: info.versionNumber,
      artifactUrl: `${context.artifacts.baseUrl}${SAMPLE_ARTIFACT_PATH}`,
      artifactBindUrl: context.artifacts.localBaseUrl,
    }));
  } catch (error) {
    await client.close();
    throw error;
  }
  // Restored in stop(), which the run's teardown calls also after Ctrl-C/SIGTERM (harness/run/interrupt-guard.ts).
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      try {
        if (applied !== undefined) {
          await applied.restore();
          context.log(`restored cluster settings: PUT _cluster/settings ${applied.restoreBody}`);
        }
      } finally {
        await client.close();
      }
    })();
    return stopping;
  };
  return {
    kind: 'external',
    label: `external ${info.versionNumber}`,
    connection: config.connection,
    capabilities: {
      torchScript: true,
      realInference: true,
      // The fault proxy forwards basic auth as sent and talks TLS to the cluster with its CA; a SigV4 signature covers
      // the host, so it cannot sit in between.
      faultInjection: config.connection.auth?.type !== 'sigv4',
      clusterSettingsWritable: config.allowSettingsChanges,
    },
    registration,
    version: info.versionNumber,
    distribution: info.distribution,
    stop,
  };
}
