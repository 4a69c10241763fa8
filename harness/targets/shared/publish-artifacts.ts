/**
 * Publishes every card's and negative case's zip on the artifact server and returns sha256 → URL, the map test
 * files receive as `inject('artifactUrls')`. URL artifacts are downloaded into the cache first (verified against
 * the card's sha256) and served from there.
 */
import { downloadArtifact } from '../../artifacts/artifact-cache.ts';
import type { ArtifactServer } from '../../artifacts/artifact-server.ts';
import { loadCards } from '../../models/load-cards.ts';
import { loadNegativeCases } from '../../models/load-negative-cases.ts';
import { projectCard, SETTINGS_CARD_ID } from '../../models/project-cards.ts';

export async function publishFixtureArtifacts(
  server: ArtifactServer,
  log: (line: string) => void = () => undefined,
): Promise<Record<string, string>> {
  const files: { path: string; sha256: string }[] = [];
  // An unavailable card (its prepared model is missing) has no zip to serve; its checks skip with the reason.
  const cards = [...loadCards(), projectCard(SETTINGS_CARD_ID)];
  for (const card of cards.filter((c) => c.unavailable === undefined)) {
    const { artifact } = card;
    files.push(
      artifact.kind === 'file'
        ? artifact
        : { path: await downloadArtifact(artifact.url, artifact.sha256, { log }), sha256: artifact.sha256 },
    );
  }
  files.push(...loadNegativeCases().map((negative) => negative.artifact));
  const urls: Record<string, string> = {};
  for (const artifact of files.filter((a, i) => files.findIndex((b) => b.sha256 === a.sha256) === i)) {
    const published = await server.publish(artifact.path, artifact.sha256);
    urls[published.sha256] = published.url;
  }
  return urls;
}
