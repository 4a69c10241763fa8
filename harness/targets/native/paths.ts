/**
 * Where the native target keeps things. Downloads (~1.2 GB for both default versions) live in the user cache; installs,
 * prepared libtorch and per-run dirs live in a work dir. They differ only when running as root: OpenSearch refuses root,
 * so the node runs as `nobody`, which cannot traverse `/root` (mode 700) — hence `/var/tmp` for everything it reads.
 */
import { runConfig, type RunConfig } from '../../config/run-config.ts';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface RunAsUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

export interface NativePaths {
  /** `OMLC_CACHE_DIR`, default `~/.cache/opensearch-ml-conformance`. */
  readonly cacheDir: string;
  /** Maven artifacts, one file per coordinate. */
  readonly downloadsDir: string;
  /** Runtime jars per module and version (`<modulesDir>/<module>/<version>/`) for hand-assembled modules (2.19.x). */
  readonly modulesDir: string;
  /** Built djl-compat shims keyed by source + PyTorch version. */
  readonly shimDir: string;
  /** `OMLC_WORK_DIR`, default: `/var/tmp/opensearch-ml-conformance` as root, else the cache dir. */
  readonly workDir: string;
  readonly installsDir: string;
  /** Extracted libtorch + JNI (+ shim), hard-linked into each run's fresh data dir; same filesystem as runsDir. */
  readonly libtorchDir: string;
  readonly runsDir: string;
  /** Data dirs kept across starts (upgrade rehearsals: start the old version, stop, start the new one on it). */
  readonly keptDataDir: string;
}

const ROOT_WORK_DIR = '/var/tmp/opensearch-ml-conformance';

export function resolveNativePaths(
  config: Pick<RunConfig, 'OMLC_CACHE_DIR' | 'OMLC_WORK_DIR'> = runConfig(),
  isRoot: boolean = runningAsRoot(),
): NativePaths {
  const cacheDir = resolve(config.OMLC_CACHE_DIR);
  const workDir = resolve(config.OMLC_WORK_DIR ?? (isRoot ? ROOT_WORK_DIR : cacheDir));
  return {
    cacheDir,
    downloadsDir: join(cacheDir, 'downloads'),
    modulesDir: join(cacheDir, 'modules'),
    shimDir: join(cacheDir, 'djl-compat'),
    workDir,
    installsDir: join(workDir, 'installs'),
    libtorchDir: join(workDir, 'libtorch'),
    runsDir: join(workDir, 'runs'),
    keptDataDir: join(workDir, 'kept-data'),
  };
}

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Parses `/etc/passwd` for the unprivileged user the node runs as when we are root (numeric ids for chown). */
export function parseRunAsUser(passwd: string, name = 'nobody'): RunAsUser | undefined {
  for (const line of passwd.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) {
      return { name, uid: Number(uid), gid: Number(gid) };
    }
  }
  return undefined;
}

export async function lookupRunAsUser(name = 'nobody'): Promise<RunAsUser> {
  const user = parseRunAsUser(await readFile('/etc/passwd', 'utf8'), name);
  if (user === undefined) {
    throw new Error(`running as root, but there is no "${name}" user in /etc/passwd to run OpenSearch as`);
  }
  return user;
}
