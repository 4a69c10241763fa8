/**
 * Publishes every card's and negative case's zip on the artifact server and returns sha256 → URL, the map test
 * files receive as `inject('artifactUrls')`.
 */
import type { ArtifactServer } from '../../artifacts/artifact-server.ts';
import { loadCards } from '../../models/load-cards.ts';
import { loadNegativeCases } from '../../models/load-negative-cases.ts';

export async function publishFixtureArtifacts(server: ArtifactServer): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  const files = [
    ...loadCards().flatMap((card) => (card.artifact.kind === 'file' ? [card.artifact] : [])),
    ...loadNegativeCases().map((negative) => negative.artifact),
  ];
  for (const artifact of files) {
    const published = await server.publish(artifact.path, artifact.sha256);
    urls[published.sha256] = published.url;
  }
  return urls;
}
