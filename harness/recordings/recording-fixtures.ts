/** Picks the scenario's models from the cards and publishes their zips on an artifact server. */
import type { ArtifactServer } from '../artifacts/artifact-server.ts';
import type { NegativeCase } from '../models/load-negative-cases.ts';
import type { ModelCard } from '../models/model-card.ts';
import type { ScenarioFixtures } from './scenario.ts';

function pick(cards: readonly ModelCard[], what: string, test: (card: ModelCard) => boolean): ModelCard {
  const card = cards.find(test);
  if (card === undefined) {
    throw new Error(`recording scenario needs ${what} among the cards`);
  }
  return card;
}

export async function recordingFixtures(
  cards: readonly ModelCard[],
  negatives: readonly NegativeCase[],
  artifacts: ArtifactServer,
  runSuffix: string,
): Promise<ScenarioFixtures> {
  const symmetric = pick(cards, 'a symmetric ONNX card', (c) => c.format === 'ONNX' && !c.expectations.asymmetric);
  const asymmetric = pick(cards, 'an asymmetric ONNX card', (c) => c.format === 'ONNX' && c.expectations.asymmetric);
  const torchScript = pick(cards, 'a TorchScript card', (c) => c.format === 'TORCH_SCRIPT');
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
