/**
 * Fixture paths are resolved against the repository root, not the working directory, so a card loads the same
 * from `npx vitest`, an IDE runner or a script started elsewhere; error messages name files relative to it.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function resolveFromRepo(path: string): string {
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

/** Repo-relative with `/` separators; absolute when the file lies outside the repo. */
export function relativeToRepo(path: string): string {
  const rel = relative(REPO_ROOT, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
}
