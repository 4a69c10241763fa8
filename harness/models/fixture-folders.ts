/**
 * Fixture sets are folders of folders (`fixtures/models/<id>/`, `fixtures/negative/<id>/`). Names starting with
 * `.` or `_` are helpers (shared files), not cases.
 */
import { readdirSync } from 'node:fs';
import { CardError } from './card-error.ts';
import { relativeToRepo } from './repo-paths.ts';

export function listFixtureFolders(root: string): string[] {
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CardError([{ file: relativeToRepo(root), path: '(root)', reason: `cannot list folder (${code})` }]);
  }
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort();
}

/** Applies an id filter, refusing unknown ids so a typo never silently runs nothing. */
export function selectIds(
  available: readonly string[],
  only: readonly string[] | undefined,
  /** The folder(s) the ids come from, as shown in the message. */
  where: string,
  filterName: string,
): string[] {
  if (only === undefined) {
    return [...available];
  }
  const unknown = only.filter((id) => !available.includes(id));
  if (unknown.length > 0) {
    throw new CardError([
      {
        file: where,
        path: filterName,
        reason: `unknown id(s) ${unknown.map((id) => JSON.stringify(id)).join(', ')} (available: ${available.join(', ') || 'none'})`,
      },
    ]);
  }
  return available.filter((id) => only.includes(id));
}
