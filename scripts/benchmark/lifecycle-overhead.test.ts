/**
 * The overhead benchmark's three lifecycles against the simulator, so a benchmark run on a live node (which needs a
 * quiet machine and the live lock) does not first find a broken request: each completes, leaves nothing behind, and
 * the 10 s loop really sleeps between looks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArtifactServer, type ArtifactServer } from '../../harness/artifacts/artifact-server.ts';
import { loadCards } from '../../harness/models/load-cards.ts';
import { CI_CLUSTER_SETTINGS } from '../../harness/targets/shared/cluster-settings.ts';
import { simulatorInference } from '../../harness/targets/simulator/inference.ts';
import { createSimulator, startSimulatorServer, type Simulator } from '../../mocks/index.ts';
import { LIFECYCLE_PHASES } from '../../harness/lifecycle/phase-timer.ts';
import { harnessLifecycle, plainLifecycle, type Target } from './lifecycle-overhead.ts';

const BASE_URL = 'http://127.0.0.1:9273';
let artifacts: ArtifactServer;
let sim: Simulator;
let server: ReturnType<typeof startSimulatorServer>;
let target: Target;

beforeAll(async () => {
  const card = loadCards().find((c) => c.id === 'tiny-onnx-sym');
  if (card === undefined || card.artifact.kind !== 'file') {
    throw new Error('tiny-onnx-sym is a committed card');
  }
  artifacts = await startArtifactServer();
  const published = await artifacts.publish(card.artifact.path, card.artifact.sha256);
  sim = createSimulator({
    profile: '3.x',
    baseUrl: BASE_URL,
    inference: simulatorInference([card]),
    nodeSettings: CI_CLUSTER_SETTINGS,
    delays: { registerMs: 20, deployMs: 20, taskStepMs: 5 },
  });
  server = startSimulatorServer(sim);
  target = { baseUrl: BASE_URL, artifactUrl: published.url, card, runId: 'rbench-0001' };
});

afterAll(async () => {
  server.close();
  await artifacts.close();
});

describe('the lifecycle overhead benchmark', () => {
  it('drives the harness and a 5 ms loop through the same lifecycle, leaving nothing behind', async () => {
    const harness = await harnessLifecycle(target);
    const tight = await plainLifecycle(target, 5);
    expect(harness.polls).toBeGreaterThan(0);
    // How many more looks the tight loop takes depends on the machine's load; the benchmark reports it.
    expect(tight.polls).toBeGreaterThan(0);
    expect(tight.taskPath).toMatch(/^\/_plugins\/_ml\/tasks\//);
    // Both report every phase, and the phases account for a loop's whole time (the README's breakdown).
    const phases = [...LIFECYCLE_PHASES];
    expect(Object.keys(harness.phases).sort()).toEqual([...phases].sort());
    expect(Object.keys(tight.phases).sort()).toEqual([...phases].sort());
    const loopSum = Object.values(tight.phases).reduce((a, b) => a + b, 0);
    expect(loopSum).toBeCloseTo(tight.ms, 0);
    expect(sim.state.models.size).toBe(0);
    expect(sim.state.groups.size).toBe(0);
  });

  it('the seed loop sleeps its interval between looks', async () => {
    const seed = await plainLifecycle(target, 300);
    // Register and deploy each need at least one more look after the first: at least two intervals.
    expect(seed.ms).toBeGreaterThanOrEqual(600);
    expect(sim.state.models.size).toBe(0);
  });
});
