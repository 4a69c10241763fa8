/**
 * Content digest of a file tree (relative paths, modes and file bytes), for the image's content key. Hashing the
 * ~1.3 GB of an image's trees takes ~15 s on a CI disk, so the digest is remembered under a cheap "stat key" (paths,
 * sizes, times, inode identities): an unchanged tree is only stat'ed on later runs, and a tree whose files were
 * re-extracted with the same bytes (new times) is hashed again but yields the same digest — no rebuild.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sha256File } from '../../../artifacts/file-digest.ts';
import type { FileTree } from './file-tree.ts';

interface CacheRecord {
  readonly digest: string;
  readonly usedAt: string;
}

type CacheFile = Record<string, CacheRecord>;

/** Enough for a few versions' JDK/install/libtorch trees; the least recently used records go first. */
const MAX_RECORDS = 64;

export function statKey(tree: FileTree): string {
  const hash = createHash('sha256');
  for (const e of tree.entries) {
    hash.update(`${e.rel}\t${e.kind}\t${e.mode.toString(8)}\t${e.size}\t${e.mtimeMs}\t${e.identity}\n`);
  }
  return hash.digest('hex');
}

export async function contentDigest(tree: FileTree): Promise<string> {
  const hash = createHash('sha256');
  for (const e of tree.entries) {
    const body = e.kind === 'file' ? await sha256File(e.source) : '-';
    hash.update(`${e.rel}\t${e.kind}\t${e.mode.toString(8)}\t${body}\n`);
  }
  return hash.digest('hex');
}

async function readCache(path: string): Promise<CacheFile> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as CacheFile) : {};
  } catch {
    // Missing or damaged: the cache only saves time, so start over.
    return {};
  }
}

async function writeCache(path: string, cache: CacheFile): Promise<void> {
  const kept = Object.entries(cache)
    .sort(([, a], [, b]) => b.usedAt.localeCompare(a.usedAt))
    .slice(0, MAX_RECORDS);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(Object.fromEntries(kept), null, 1)}\n`);
  await rename(tmp, path);
}

export interface TreeDigest {
  readonly digest: string;
  /** False when the bytes had to be read (first time, or the files were touched). */
  readonly fromCache: boolean;
}

/** The tree's content digest, read from `cachePath` when its stat key is known. */
export async function digestTree(tree: FileTree, cachePath: string): Promise<TreeDigest> {
  const key = statKey(tree);
  const cache = await readCache(cachePath);
  const known = cache[key];
  const digest = known?.digest ?? (await contentDigest(tree));
  // Re-read before writing: another tree may have been recorded meanwhile (the cost of a lost record is one rehash).
  const latest = await readCache(cachePath);
  latest[key] = { digest, usedAt: new Date().toISOString() };
  await writeCache(cachePath, latest);
  return { digest, fromCache: known !== undefined };
}
