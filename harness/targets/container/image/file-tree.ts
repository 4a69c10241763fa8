/**
 * A directory tree as the image will contain it: symbolic links followed (a JDK from /usr/lib/jvm links into /etc,
 * which the image does not have), dangling links and excluded paths left out. The same listing feeds the content key
 * (tree-digest.ts) and the build context (stage-context.ts), so the key describes exactly what is built.
 */
import { chmod, copyFile, link, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface TreeEntry {
  /** Path relative to the tree root, `/`-separated, never empty. */
  readonly rel: string;
  readonly kind: 'dir' | 'file';
  /** The real file or directory behind `rel` (after following links). */
  readonly source: string;
  readonly mode: number;
  readonly size: number;
  readonly mtimeMs: number;
  /** `dev:ino` of the real file: changes when the file is replaced, even with the same size and time. */
  readonly identity: string;
}

export interface FileTree {
  readonly root: string;
  /** Sorted by `rel`. */
  readonly entries: readonly TreeEntry[];
  /** Links whose target does not exist (reported, not copied). */
  readonly dangling: readonly string[];
}

export interface ListOptions {
  /** Relative paths to leave out (a directory excludes everything below it). */
  readonly exclude?: readonly string[];
}

export async function listTree(root: string, options: ListOptions = {}): Promise<FileTree> {
  const exclude = new Set(options.exclude ?? []);
  const entries: TreeEntry[] = [];
  const dangling: string[] = [];
  // Directories on the current path, by identity: a link back up the tree must not recurse forever.
  const walk = async (dir: string, prefix: string, ancestors: ReadonlySet<string>): Promise<void> => {
    const dirents = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const dirent of dirents) {
      const rel = prefix === '' ? dirent.name : `${prefix}/${dirent.name}`;
      if (exclude.has(rel)) {
        continue;
      }
      const path = join(dir, dirent.name);
      // link(2) does not follow links: stage the real file, not the link.
      const source = dirent.isSymbolicLink() ? await realpath(path).catch(() => undefined) : path;
      const info = source === undefined ? undefined : await stat(source).catch(() => undefined);
      if (source === undefined || info === undefined) {
        dangling.push(rel);
        continue;
      }
      const identity = `${info.dev}:${info.ino}`;
      const base = { rel, source, mode: info.mode & 0o7777, mtimeMs: info.mtimeMs, identity };
      if (info.isDirectory()) {
        if (ancestors.has(identity)) {
          throw new Error(`${path} links back to one of its parent directories`);
        }
        entries.push({ ...base, kind: 'dir', size: 0 });
        await walk(source, rel, new Set([...ancestors, identity]));
      } else if (info.isFile()) {
        entries.push({ ...base, kind: 'file', size: info.size });
      }
      // Sockets, fifos and devices have no place in an image.
    }
  };
  const rootInfo = await stat(root);
  await walk(root, '', new Set([`${rootInfo.dev}:${rootInfo.ino}`]));
  return { root, entries, dangling };
}

/**
 * Recreates `tree` under `target` (which must not exist): directories made, files hard-linked (copied across file
 * systems), so staging a gigabyte costs milliseconds. Linked files are never written to afterwards.
 */
export async function stageTree(tree: FileTree, target: string): Promise<void> {
  await mkdir(target, { recursive: true, mode: 0o755 });
  const dirs: { path: string; mode: number }[] = [];
  for (const entry of tree.entries) {
    const destination = join(target, ...entry.rel.split('/'));
    if (entry.kind === 'dir') {
      await mkdir(destination, { mode: 0o755 });
      dirs.push({ path: destination, mode: entry.mode });
    } else {
      await linkOrCopyFile(entry.source, destination, entry.mode);
    }
  }
  // Last, deepest first: a read-only directory must not stop its own contents from being staged.
  for (const dir of dirs.reverse()) {
    await chmod(dir.path, dir.mode);
  }
}

async function linkOrCopyFile(source: string, destination: string, mode: number): Promise<void> {
  try {
    await link(source, destination);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EMLINK' && code !== 'ENOTSUP') {
      throw error;
    }
    await copyFile(source, destination);
    await chmod(destination, mode);
  }
}
