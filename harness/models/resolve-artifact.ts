/**
 * Resolves a card's (or negative case's) `artifact` to an absolute file with its digest, or to a URL with the
 * declared digest. ML Commons refuses URL registrations without a hash (2.15+) and a mismatching hash ends the
 * register task with "model content changed", so both are caught here, long before a cluster is involved.
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { digestFileSync } from '../artifacts/file-digest.ts';
import type { CardIssue } from './card-error.ts';
import type { CardArtifact } from '../artifacts/artifact-source.ts';
import { relativeToRepo } from './repo-paths.ts';

const HTTP_URL = /^https?:\/\//i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export interface ArtifactRef {
  readonly artifact: string;
  readonly sha256?: string;
}

export function resolveArtifact(
  ref: ArtifactRef,
  baseDir: string,
  file: string,
  options: { allowUrl: boolean },
): { artifact?: CardArtifact; issues: CardIssue[] } {
  const issue = (path: string, reason: string): { issues: CardIssue[] } => ({ issues: [{ file, path, reason }] });
  if (HTTP_URL.test(ref.artifact)) {
    if (!options.allowUrl) {
      return issue('artifact', 'must be a path relative to this folder (negative artifacts are committed)');
    }
    if (!URL.canParse(ref.artifact)) {
      return issue('artifact', `not a valid URL: ${JSON.stringify(ref.artifact)}`);
    }
    if (ref.sha256 === undefined) {
      return issue('sha256', 'required when artifact is a URL');
    }
    return { artifact: { kind: 'url', url: ref.artifact, sha256: ref.sha256 }, issues: [] };
  }
  if (ANY_SCHEME.test(ref.artifact) || isAbsolute(ref.artifact)) {
    return issue('artifact', 'must be a path relative to the card folder or an http(s) URL');
  }
  const path = resolve(baseDir, ref.artifact);
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats === undefined) {
    return issue('artifact', `file not found: ${relativeToRepo(path)}`);
  }
  if (!stats.isFile()) {
    return issue('artifact', `not a file: ${relativeToRepo(path)}`);
  }
  const { sha256, size } = digestFileSync(path);
  if (ref.sha256 !== undefined && ref.sha256 !== sha256) {
    return issue('sha256', `does not match the artifact (declared ${ref.sha256}, file has ${sha256})`);
  }
  return { artifact: { kind: 'file', path, sha256, size }, issues: [] };
}
