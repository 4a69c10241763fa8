/**
 * Decides, from the environment alone, which live Vitest projects exist. Runs while the config loads, so it must
 * be cheap and synchronous; probing Docker or Java happens later, in the project's globalSetup.
 */
export type RequestedTarget = 'auto' | 'native' | 'container' | 'external' | 'none';

export interface LivePlanEntry {
  /** Vitest project name, e.g. `live:2.19.6` or `live:external`. */
  readonly projectName: string;
  readonly requested: RequestedTarget;
  /** OpenSearch version to start (native/container); absent for an external cluster, whose version is detected. */
  readonly version?: string;
  /** Live projects run one after the other so two clusters never compete for the 2 CI cores during tests. */
  readonly groupOrder: number;
}

/** Newest versions whose ML Commons plugin zip Maven Central serves (checked 2026-11-23). */
export const DEFAULT_LIVE_VERSIONS: readonly string[] = ['2.19.6', '3.6.0'];

const REQUESTED: readonly RequestedTarget[] = ['auto', 'native', 'container', 'external', 'none'];

export class LivePlanError extends Error {
  override readonly name = 'LivePlanError';
}

function parseRequested(raw: string | undefined): RequestedTarget {
  const value = (raw ?? 'auto').trim().toLowerCase();
  const found = REQUESTED.find((r) => r === value);
  if (found === undefined) {
    throw new LivePlanError(`ML_TARGET=${raw ?? ''} is not a target; use one of: ${REQUESTED.join(', ')}`);
  }
  return found;
}

function parseVersions(env: NodeJS.ProcessEnv): readonly string[] {
  const raw = env['OPENSEARCH_VERSIONS'] ?? env['OPENSEARCH_VERSION'];
  if (raw === undefined || raw.trim() === '') {
    return DEFAULT_LIVE_VERSIONS;
  }
  const versions = raw
    .split(/[,\s]+/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const bad = versions.filter((v) => !/^\d+\.\d+\.\d+$/.test(v));
  if (bad.length > 0) {
    throw new LivePlanError(
      `OPENSEARCH_VERSIONS has ${bad.map((b) => `"${b}"`).join(', ')}; give full versions such as 2.19.6,3.6.0`,
    );
  }
  return [...new Set(versions)];
}

export function planLiveProjects(env: NodeJS.ProcessEnv): readonly LivePlanEntry[] {
  const requested = parseRequested(env['ML_TARGET']);
  const url = env['OPENSEARCH_URL']?.trim();
  if (requested === 'none') {
    return [{ projectName: 'live', requested, groupOrder: 1 }];
  }
  if (requested === 'external' || (requested === 'auto' && url !== undefined && url !== '')) {
    if (url === undefined || url === '') {
      throw new LivePlanError('ML_TARGET=external needs OPENSEARCH_URL (e.g. https://staging.example:9200)');
    }
    return [{ projectName: 'live:external', requested: 'external', groupOrder: 1 }];
  }
  return parseVersions(env).map((version, index) => ({
    projectName: `live:${version}`,
    requested,
    version,
    groupOrder: index + 1,
  }));
}

declare module 'vitest' {
  export interface ProvidedContext {
    livePlan: LivePlanEntry;
  }
}
