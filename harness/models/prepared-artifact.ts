/**
 * Artifacts prepared by `scripts/models/prepare.sh` (real models, too large to commit): found in the cache by the
 * same content key the Python side computes (scripts/models/model_cache.py), so a card never picks up a zip made by
 * another version of the exporter. When the export is missing or failed, the reason is returned, never thrown: a
 * card whose model could not be prepared is skipped with that reason in every report, not dropped and not fatal.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { resolveFromRepo } from './repo-paths.ts';

/** Must list the same files in the same order as KEY_FILES in scripts/models/model_cache.py. */
const KEY_FILES = ['sources.json', 'export_model.py', 'st_export.py', 'model_cache.py', 'requirements.txt'] as const;

export const PREPARE_COMMAND = 'scripts/models/prepare.sh';

const manifestSchema = z.object({
  key: z.string(),
  artifacts: z.record(
    z.string(),
    z.object({ file: z.string(), format: z.string(), sha256: z.string(), size: z.number().int().nonnegative() }),
  ),
});

const failureSchema = z.object({ stage: z.string(), reason: z.string() });

export type PreparedLookup =
  | { readonly ok: true; readonly path: string; readonly sha256: string; readonly size: number }
  | { readonly ok: false; readonly reason: string };

export function preparedExportKey(scriptsDir = resolveFromRepo('scripts/models')): string {
  const lines = KEY_FILES.map(
    (name) =>
      `${createHash('sha256')
        .update(readFileSync(path.join(scriptsDir, name)))
        .digest('hex')}\n`,
  ).join('');
  return createHash('sha256').update(lines, 'ascii').digest('hex').slice(0, 16);
}

export function preparedExportDir(source: string, cacheRoot: string, key = preparedExportKey()): string {
  return path.join(cacheRoot, 'models', `${source}-${key}`);
}

/** The zip prepared for `cardId` from `source`, or why there is none. Checks presence and size, not the hash. */
export function lookupPreparedArtifact(
  source: string,
  cardId: string,
  cacheRoot: string,
  key = preparedExportKey(),
): PreparedLookup {
  const dir = preparedExportDir(source, cacheRoot, key);
  const how = `run ${PREPARE_COMMAND} (scripts/models/README.md)`;
  const manifest = readJson(path.join(dir, 'manifest.json'), manifestSchema);
  if (manifest === undefined) {
    const failure = readJson(path.join(dir, 'failure.json'), failureSchema);
    return failure === undefined
      ? { ok: false, reason: `model ${source} is not prepared in ${dir}: ${how}` }
      : { ok: false, reason: `model ${source} could not be prepared (${failure.stage}): ${failure.reason}` };
  }
  const entry = manifest.artifacts[cardId];
  if (entry === undefined) {
    return { ok: false, reason: `${dir}/manifest.json has no artifact for ${cardId}: ${how}` };
  }
  const zip = path.join(dir, entry.file);
  const size = statSync(zip, { throwIfNoEntry: false })?.size;
  if (size !== entry.size) {
    const found = size === undefined ? 'missing' : `${size} bytes`;
    return { ok: false, reason: `${zip} is ${found}, the manifest says ${entry.size} bytes: ${how}` };
  }
  return { ok: true, path: zip, sha256: entry.sha256, size };
}

function readJson<T>(file: string, schema: z.ZodType<T>): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
