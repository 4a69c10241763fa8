/**
 * Where the cluster downloads each artifact from. The target's globalSetup publishes every card's and every
 * negative case's zip on the artifact server and provides the URLs by digest.
 */
import { inject } from 'vitest';
import '../config/provided-context.ts';

export function artifactUrl(sha256: string, what: string): string {
  const url = inject('artifactUrls')[sha256];
  if (url === undefined) {
    throw new Error(
      `${what}: artifact ${sha256} was not published on the artifact server (the target's globalSetup publishes every card and negative case)`,
    );
  }
  return url;
}
