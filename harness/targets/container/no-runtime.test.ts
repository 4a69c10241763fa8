/**
 * The path every CI machine of this project takes: no Docker engine. testcontainers must say so at once, the
 * resolver must turn it into a failure (ML_TARGET=container) or a pass-over (auto), and a start attempt must fail
 * with the same reason instead of hanging. The real-runtime cases skip (with the probe's answer) where Docker works.
 */
import { parseRunConfig } from '../../config/run-config.ts';
import { describe, expect, it, vi } from 'vitest';
import type { ArtifactServer } from '../../artifacts/artifact-server.ts';
import { planLiveProjects, type LivePlanEntry } from '../live/live-plan.ts';
import { localProbes } from '../live/probes.ts';
import { resolveLiveTarget, type Probe } from '../live/resolve-live-target.ts';
import { startContainerTarget } from '../live/start-container.ts';
import { startLiveTarget } from '../live/start-live-target.ts';
import type { LiveStartContext } from '../live/started-target.ts';
import { isContainerTargetError } from './errors.ts';
import { startContainerCluster } from './start-container-cluster.ts';

const NO_STRATEGY = 'Could not find a working container runtime strategy';
const FAST_MS = 5_000;

// The first probe includes loading testcontainers: that cold path must be fast too.
const firstProbeStarted = performance.now();
const runtimeProbe = await localProbes.container();
const firstProbeMs = performance.now() - firstProbeStarted;

function plan(env: Record<string, string>): LivePlanEntry {
  const [entry] = planLiveProjects(parseRunConfig({ OPENSEARCH_VERSIONS: '2.19.1', ...env }));
  if (entry === undefined) {
    throw new Error('no live plan entry');
  }
  return entry;
}

const fakeArtifacts: ArtifactServer = {
  baseUrl: 'http://host.testcontainers.internal:41234',
  localBaseUrl: 'http://127.0.0.1:41234',
  publish: () => Promise.reject(new Error('not used')),
  downloads: () => [],
  close: () => Promise.resolve(),
};

function context(overrides: Partial<LiveStartContext> = {}): LiveStartContext {
  return {
    projectName: 'live:2.19.1',
    version: '2.19.1',
    artifacts: fakeArtifacts,
    config: parseRunConfig({}),
    log: () => undefined,
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

describe.skipIf(runtimeProbe.ok)(`on a machine without a container runtime (${runtimeProbe.detail})`, () => {
  it('the real probe answers quickly with "no container runtime: …"', async () => {
    expect(runtimeProbe).toEqual({ ok: false, detail: `no container runtime: ${NO_STRATEGY}` });
    expect(firstProbeMs).toBeLessThan(FAST_MS);
    const { value, ms } = await timed(() => localProbes.container());
    expect(value).toEqual(runtimeProbe);
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('ML_TARGET=container resolves to a failed "none" that names the missing runtime', async () => {
    const { value, ms } = await timed(() => resolveLiveTarget(plan({ ML_TARGET: 'container' }), localProbes));
    expect(value).toEqual({
      kind: 'none',
      reason: `ML_TARGET=container but no container runtime: ${NO_STRATEGY}`,
      failed: true,
    });
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('ML_TARGET=auto passes the container over and says why, whatever native decides', async () => {
    const nativeDown: Probe = { ok: false, detail: 'no Java 21+' };
    const nativeUp: Probe = { ok: true, detail: '3.6.0: Java 25, mvn' };
    const down = await resolveLiveTarget(plan({ ML_TARGET: 'auto' }), {
      container: () => localProbes.container(),
      native: () => Promise.resolve(nativeDown),
    });
    expect(down).toEqual({
      kind: 'none',
      reason: `no live target: OPENSEARCH_URL is not set; no container runtime: ${NO_STRATEGY}; no Java 21+`,
    });
    const up = await resolveLiveTarget(plan({ ML_TARGET: 'auto' }), {
      container: () => localProbes.container(),
      native: () => Promise.resolve(nativeUp),
    });
    expect(up).toEqual({
      kind: 'native',
      why: `auto: no OPENSEARCH_URL; no container runtime: ${NO_STRATEGY}; 3.6.0: Java 25, mvn`,
    });
  });

  it('a start attempt fails at once with the same reason (through the live dispatcher)', async () => {
    const started = performance.now();
    const error: unknown = await startLiveTarget('container', context()).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(FAST_MS);
    expect(isContainerTargetError(error, 'no-runtime')).toBe(true);
    expect((error as Error).message).toBe(`no container runtime: ${NO_STRATEGY}`);
  });
});

describe('startContainerCluster before any container exists', () => {
  const options = {
    version: '2.19.1',
    config: parseRunConfig({}),
    artifactBaseUrl: fakeArtifacts.baseUrl,
    log: () => undefined,
  };

  it('turns a runtime discovery error into "no container runtime: …"', async () => {
    const runtime = { connect: () => Promise.reject(new Error(NO_STRATEGY)) };
    await expect(startContainerCluster({ ...options, runtime })).rejects.toMatchObject({
      name: 'ContainerTargetError',
      code: 'no-runtime',
      message: `no container runtime: ${NO_STRATEGY}`,
    });
  });

  it.for([
    [{ version: '2.9.0' }, 'unsupported-version', 'OpenSearch 2.9.0 is older than 2.11.0'],
    [
      { config: parseRunConfig({ OMLC_CONTAINER_REUSE: 'true' }) },
      'bad-env',
      'OMLC_CONTAINER_REUSE=true cannot serve model artifacts',
    ],
  ] as const)('refuses %j before asking for a runtime', async ([override, code, message]) => {
    const connect = vi.fn(() => Promise.reject(new Error('must not be called')));
    const error: unknown = await startContainerCluster({ ...options, ...override, runtime: { connect } }).catch(
      (e: unknown) => e,
    );
    expect(isContainerTargetError(error, code)).toBe(true);
    expect((error as Error).message).toContain(message);
    expect(connect).not.toHaveBeenCalled();
  });

  it('an aborted run does not reach the runtime', async () => {
    const connect = vi.fn(() => Promise.reject(new Error('must not be called')));
    const signal = AbortSignal.abort(new Error('teardown'));
    await expect(startContainerCluster({ ...options, signal, runtime: { connect } })).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(connect).not.toHaveBeenCalled();
  });

  it('the live adapter needs a version', async () => {
    await expect(startContainerTarget(context({ version: undefined }))).rejects.toThrow(
      'live:2.19.1: the container target needs a version (OPENSEARCH_VERSIONS)',
    );
  });
});
