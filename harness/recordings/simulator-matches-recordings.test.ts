/**
 * The simulator must answer like the real clusters recorded in fixtures/recordings/: for each recorded version and
 * scenario (recording-scenarios.ts) the scenario runs against the simulator profile that emulates that version, and
 * every step is compared (status, error texts, states, body shapes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, profileForVersion, startSimulatorServer } from '../../mocks/index.ts';
import { startArtifactServer, type ArtifactServer } from '../artifacts/artifact-server.ts';
import { createMlTransport } from '../ml/transport.ts';
import { CI_CLUSTER_SETTINGS } from '../targets/shared/cluster-settings.ts';
import { loadCards, PROJECT_CARDS_DIR } from '../models/load-cards.ts';
import { loadNegativeCases } from '../models/load-negative-cases.ts';
import { simulatorInference } from '../targets/simulator/inference.ts';
import { compareExchange } from './compare.ts';
import type { Exchange } from './exchange.ts';
import { readRecordings } from './recording-file.ts';
import { RECORDING_SCENARIOS } from './recording-scenarios.ts';

const cases = Object.entries(RECORDING_SCENARIOS).flatMap(([scenario, entry]) =>
  readRecordings(undefined, entry.file).map((recording) => ({ scenario, entry, recording })),
);

describe.for(cases)('simulator vs recorded OpenSearch $recording.version ($scenario)', ({ entry, recording }) => {
  const simulated = new Map<string, Exchange>();
  let artifacts: ArtifactServer | undefined;

  beforeAll(async () => {
    const cards = loadCards(PROJECT_CARDS_DIR).filter((card) => card.unavailable === undefined);
    // Recorded clusters had CI_CLUSTER_SETTINGS in opensearch.yml (the native target's node settings), so a
    // persistent value reset to null falls back to them: the simulator gets them the same way.
    const sim = createSimulator({
      profile: profileForVersion(recording.version),
      baseUrl: 'http://127.0.0.1:9',
      inference: simulatorInference(cards),
      nodeSettings: CI_CLUSTER_SETTINGS,
    });
    artifacts = await startArtifactServer();
    const server = startSimulatorServer(sim);
    const transport = createMlTransport({ baseUrl: sim.baseUrl });
    try {
      // The run suffix becomes a placeholder wherever it appears, so it must not occur in any answer ('sim' is in
      // "cosinesimil").
      const inputs = { cards, negatives: loadNegativeCases(), artifacts, runSuffix: 'simulated0' };
      // The simulator's asynchronous steps take milliseconds; `settle` waits for them instead of wall-clock pauses.
      for (const exchange of await entry.run(transport, inputs, { pause: () => sim.settle() })) {
        simulated.set(exchange.step, exchange);
      }
    } finally {
      await transport.close();
      server.close();
    }
  }, 60_000);

  afterAll(async () => {
    await artifacts?.close();
  });

  it.for(recording.exchanges)('$step', (recorded) => {
    expect(compareExchange(recorded, simulated.get(recorded.step))).toEqual([]);
  });
});
