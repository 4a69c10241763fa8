/**
 * Offline libtorch for DJL. ML Commons sets PYTORCH_PRECXX11=true, PYTORCH_VERSION=<PT> and DJL_CACHE_DIR=<ml_cache>,
 * so DJL uses `<path.data>/ml_cache/pytorch/<PT>-cpu-precxx11-linux-x86_64/` if libtorch.so is there, and otherwise
 * downloads from publish.djl.ai (fails offline: "Failed to save pytorch index file"). We extract the Maven jars once
 * into a prepared dir and hard-link it into every fresh data dir (~440 MB, so never copied per run when avoidable).
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ProgressFn } from './maven.ts';
import { linkOrCopy, mkdirShared, pathExists, removeStaleTempDirs, tempName } from './fsutil.ts';
import { ensureShim, SHIM_LIBRARY_NAME } from './shim.ts';
import type { MlCommonsLine } from './versions.ts';
import { extractZip } from './zip.ts';

const MARKER = '.omlc-complete';
const NATIVE_PREFIX = 'pytorch/cpu/linux-x86_64/';
const JNI_ENTRY = 'jnilib/linux-x86_64/cpu/libdjl_torch.so';

/** The directory name DJL derives from PYTORCH_VERSION + the precxx11 flavor ML Commons forces. */
export function djlLibtorchDirName(pytorchVersion: string): string {
  return `${pytorchVersion}-cpu-precxx11-linux-x86_64`;
}

/** DJL looks for `<djlVersion>-libdjl_torch.so` in the libtorch dir before any download. */
export function jniFileName(djlVersion: string): string {
  return `${djlVersion}-libdjl_torch.so`;
}

export interface PrepareLibtorchOptions {
  readonly line: MlCommonsLine;
  /** DJL version of the installed ML Commons (from its jar names). */
  readonly djlVersion: string;
  /** Resolves the two Maven jars; only called when the prepared dir is missing, so a warm start needs no Maven. */
  readonly jars: () => Promise<{ readonly nativeJar: string; readonly jniJar: string }>;
  readonly libtorchRoot: string;
  readonly shimDir: string;
  /** JDK homes to try for jni.h (shim build) and `jar` (fallback extractor). */
  readonly jdkHomes: readonly string[];
  readonly onProgress?: ProgressFn;
  readonly signal?: AbortSignal;
}

/** Returns the prepared dir (libtorch + renamed JNI + optional shim), building it once per PT/JNI/DJL combination. */
function preparedLibtorchName(line: MlCommonsLine, djlVersion: string): string {
  return `${line.pytorchVersion}-jni${line.jniVersion}-djl${djlVersion}${line.needsCompatShim ? '-shim' : ''}`;
}

export async function isLibtorchPrepared(
  libtorchRoot: string,
  line: MlCommonsLine,
  djlVersion: string,
): Promise<boolean> {
  return pathExists(join(libtorchRoot, preparedLibtorchName(line, djlVersion), MARKER));
}

export async function prepareLibtorch(options: PrepareLibtorchOptions): Promise<string> {
  const { line, djlVersion } = options;
  const name = preparedLibtorchName(line, djlVersion);
  const dir = join(options.libtorchRoot, name);
  if (await pathExists(join(dir, MARKER))) {
    options.onProgress?.(`cached   libtorch ${name}`);
    return dir;
  }
  const { nativeJar, jniJar } = await options.jars();
  await mkdirShared(options.libtorchRoot);
  await removeStaleTempDirs(options.libtorchRoot);
  const tmp = join(options.libtorchRoot, tempName(name));
  const started = Date.now();
  try {
    const jdkHome = options.jdkHomes[0] ?? '';
    const unpacked = join(tmp, 'unpacked');
    const out = join(tmp, 'out');
    await mkdir(unpacked, { recursive: true });
    await mkdirShared(out);
    await extractZip(nativeJar, unpacked, { entries: [NATIVE_PREFIX], jdkHome, signal: options.signal });
    await extractZip(jniJar, unpacked, { entries: [JNI_ENTRY], jdkHome, signal: options.signal });
    const libs = (await readdir(join(unpacked, NATIVE_PREFIX))).filter((n) => n.includes('.so'));
    if (!libs.includes('libtorch.so')) {
      throw new Error(`${nativeJar} has no ${NATIVE_PREFIX}libtorch.so (unexpected jar layout)`);
    }
    for (const lib of libs) {
      await rename(join(unpacked, NATIVE_PREFIX, lib), join(out, lib));
    }
    await rename(join(unpacked, JNI_ENTRY), join(out, jniFileName(djlVersion)));
    if (line.needsCompatShim) {
      const shim = await ensureShim({
        shimDir: options.shimDir,
        pytorchVersion: line.pytorchVersion,
        libtorchDir: out,
        jdkHomes: options.jdkHomes,
        onProgress: options.onProgress,
        signal: options.signal,
      });
      await linkOrCopy(shim, join(out, SHIM_LIBRARY_NAME));
    }
    await writeFile(join(out, MARKER), `${name}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(out, dir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  options.onProgress?.(`prepared libtorch ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return dir;
}

/** Links the prepared files into `<dataDir>/ml_cache/pytorch/<PT>-cpu-precxx11-linux-x86_64/`; returns that dir. */
export async function seedLibtorch(preparedDir: string, dataDir: string, pytorchVersion: string): Promise<string> {
  const target = join(dataDir, 'ml_cache', 'pytorch', djlLibtorchDirName(pytorchVersion));
  await mkdirShared(target);
  for (const name of await readdir(preparedDir)) {
    if (name !== MARKER) {
      await linkOrCopy(join(preparedDir, name), join(target, name));
    }
  }
  return target;
}
