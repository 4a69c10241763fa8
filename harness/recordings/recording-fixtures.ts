/** Picks the scenario's models from the cards and publishes their zips on an artifact server. */
import type { ArtifactServer } from '../artifacts/artifact-server.ts';
import type { NegativeCase } from '../models/load-negative-cases.ts';
import type { ModelCard } from '../models/model-card.ts';
import type { ScenarioFixtures } from './scenario.ts';

// The recordings in fixtures/recordings were made with these committed cards; other cards (real models, yours)
// would change what is recorded.
const RECORDED = { symmetric: 'tiny-onnx-sym', asymmetric: 'tiny-onnx-asym', torchScript: 'tiny-torchscript' };

function pick(cards: readonly ModelCard[], id: string): ModelCard {
  const card = cards.find((c) => c.id === id);
  if (card === undefined) {
    throw new Error(`recording scenario needs card ${id} among the cards`);
  }
  return card;
}

export async function recordingFixtures(
  cards: readonly ModelCard[],
  negatives: readonly NegativeCase[],
  artifacts: ArtifactServer,
  runSuffix: string,
): Promise<ScenarioFixtures> {
  const symmetric = pick(cards, RECORDED.symmetric);
  const asymmetric = pick(cards, RECORDED.asymmetric);
  const torchScript = pick(cards, RECORDED.torchScript);
  const artifactUrls: Record<string, string> = {};
  for (const artifact of [symmetric, asymmetric, torchScript]
    .map((c) => c.artifact)
    .concat(negatives.map((n) => n.artifact))) {
    if (artifact.kind !== 'file') {
      throw new Error('recording scenario cards must have local artifacts');
    }
    artifactUrls[artifact.sha256] = (await artifacts.publish(artifact.path, artifact.sha256)).url;
  }
  return { symmetric, asymmetric, torchScript, negatives, artifactUrls, runSuffix };
}
