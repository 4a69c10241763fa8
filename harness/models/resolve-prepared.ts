/**
 * `artifact: prepared:<source>`: a real model too large to commit, exported into the cache by
 * `scripts/models/prepare.sh` (sources listed in `scripts/models/sources.json`). A card whose export is missing or
 * failed is not an error: it loads as unavailable, with the reason, and every check skips with that reason.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runConfig } from '../config/run-config.ts';
import type { LocalArtifact } from '../artifacts/artifact-source.ts';
import type { CardIssue } from './card-error.ts';
import { lookupPreparedArtifact, preparedExportDir } from './prepared-artifact.ts';
import { resolveFromRepo } from './repo-paths.ts';

export const PREPARED_PREFIX = 'prepared:';

export interface PreparedResolution {
  readonly artifact?: LocalArtifact;
  /** Why the card cannot run (the artifact then names the zip that would be used). */
  readonly unavailable?: string;
  readonly issues: CardIssue[];
}

const NO_DIGEST = '0'.repeat(64);

export function resolvePrepared(
  ref: { readonly artifact: string; readonly sha256?: string },
  cardId: string,
  file: string,
  cacheDir = runConfig().OMLC_CACHE_DIR,
): PreparedResolution {
  const source = ref.artifact.slice(PREPARED_PREFIX.length);
  const sources = readSources();
  const exports = sources[source]?.exports;
  if (exports === undefined) {
    const known = Object.keys(sources).join(', ') || 'none';
    return issue(file, `unknown prepared source ${JSON.stringify(source)} (scripts/models/sources.json has ${known})`);
  }
  if (!(cardId in exports)) {
    return issue(file, `${source} exports no artifact for card ${cardId} (scripts/models/sources.json exports)`);
  }
  const found = lookupPreparedArtifact(source, cardId, cacheDir);
  if (!found.ok) {
    return {
      artifact: {
        kind: 'file',
        path: path.join(preparedExportDir(source, cacheDir), `${cardId}.zip`),
        sha256: NO_DIGEST,
        size: 0,
      },
      unavailable: found.reason,
      issues: [],
    };
  }
  if (ref.sha256 !== undefined && ref.sha256 !== found.sha256) {
    return issue(
      file,
      `sha256 ${ref.sha256} does not match the prepared zip ${found.path} (${found.sha256})`,
      'sha256',
    );
  }
  return { artifact: { kind: 'file', path: found.path, sha256: found.sha256, size: found.size }, issues: [] };
}

function issue(file: string, reason: string, path = 'artifact'): PreparedResolution {
  return { issues: [{ file, path, reason }] };
}

function readSources(): Record<string, { readonly exports?: Record<string, string> }> {
  return JSON.parse(readFileSync(resolveFromRepo('scripts/models/sources.json'), 'utf8')) as Record<
    string,
    { readonly exports?: Record<string, string> }
  >;
}
