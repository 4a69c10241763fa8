/** File-system helpers shared by install, libtorch seeding and run-dir handling. */
import { copyFile, lchown, link, lstat, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Recursive chown (the node runs as `nobody` when we are root). `skip` leaves hard-linked cache files alone. */
export async function chownTree(
  path: string,
  uid: number,
  gid: number,
  skip: (path: string) => boolean = () => false,
): Promise<void> {
  if (skip(path)) {
    return;
  }
  await lchown(path, uid, gid);
  const stat = await lstat(path);
  if (stat.isDirectory()) {
    for (const name of await readdir(path)) {
      await chownTree(join(path, name), uid, gid, skip);
    }
  }
}

/** Hard link, or copy when the two paths are on different file systems (or links are not allowed there). */
export async function linkOrCopy(source: string, target: string): Promise<'linked' | 'copied'> {
  try {
    await link(source, target);
    return 'linked';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EXDEV' || code === 'EPERM' || code === 'EMLINK' || code === 'ENOTSUP') {
      await copyFile(source, target);
      return 'copied';
    }
    throw error;
  }
}

/** Directories made by us must be traversable by the run user, whatever the umask. */
export async function mkdirShared(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o755 });
}

/**
 * Removes `.tmp-*` leftovers of interrupted installs in `dir` whose owning process (pid in the name) is gone, so a
 * crashed install neither blocks nor leaks disk.
 */
export async function removeStaleTempDirs(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /^\.tmp-.*-pid(\d+)-/.exec(name)?.[1];
    if (pid !== undefined && !processAlive(Number(pid))) {
      await rm(join(dir, name), { recursive: true, force: true });
    }
  }
}

export function tempName(label: string): string {
  return `.tmp-${label}-pid${process.pid}-${Date.now().toString(36)}`;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The first directory on the way to `path` (inclusive) that `uid` cannot traverse, or undefined. OpenSearch runs as
 * an unprivileged user when we are root, and a 0700 directory anywhere above the install (e.g. a `mkdtemp` dir or
 * `/root`) makes `bin/opensearch` fail with a bare "Permission denied".
 */
export async function firstUntraversable(path: string, uid: number, gid: number): Promise<string | undefined> {
  const parts = resolve(path)
    .split(sep)
    .filter((p) => p !== '');
  let current: string = sep;
  for (const part of ['', ...parts]) {
    current = part === '' ? sep : join(current, part);
    const info = await stat(current).catch(() => undefined);
    if (info === undefined) {
      return undefined;
    }
    const bit = info.uid === uid ? 0o100 : info.gid === gid ? 0o010 : 0o001;
    if ((info.mode & bit) === 0) {
      return current;
    }
  }
  return undefined;
}
