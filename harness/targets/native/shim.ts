/**
 * The djl-compat shim for ML Commons 2.19.x. The only PyTorch 1.13.1 JNI on Maven Central is built for DJL 0.21.0, but
 * ML Commons 2.19 ships DJL 0.31.1, whose Java side calls three native methods 0.21.0 lacks (torchIsContiguous,
 * torchToContiguous, torchDirectByteBuffer) → UnsatisfiedLinkError at deploy. DJL System.load()s every *.so in the
 * libtorch dir, so a small library exporting those JNI symbols, dropped next to libtorch, fills the gap.
 * See README.md ("djl-compat shim") for the evidence. The binary is built locally and cached; never committed.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NativeTargetError } from './errors.ts';
import { findOnPath, runChecked } from './exec.ts';

export const SHIM_LIBRARY_NAME = 'libomlc_djl_compat.so';
export const SHIM_SOURCE = fileURLToPath(new URL('./djl-compat/djl_compat.cc', import.meta.url));

const TORCH_INCLUDE_DIRS = ['/usr/include', '/usr/include/torch/csrc/api/include'];
const TORCH_HEADER = '/usr/include/ATen/ATen.h';
const TORCH_VERSION_HEADER = '/usr/include/torch/csrc/api/include/torch/version.h';

export function shimCompilerArgs(jdkHome: string, libtorchDir: string, output: string, source: string): string[] {
  return [
    '-O2',
    '-shared',
    '-fPIC',
    '-std=c++17',
    `-I${join(jdkHome, 'include')}`,
    `-I${join(jdkHome, 'include', 'linux')}`,
    ...TORCH_INCLUDE_DIRS.map((d) => `-I${d}`),
    source,
    '-o',
    output,
    `-L${libtorchDir}`,
    '-ltorch_cpu',
    '-lc10',
    // Resolve libtorch_cpu/libc10 next to the shim, i.e. from the seeded ml_cache dir DJL loads.
    '-Wl,-rpath,$ORIGIN',
  ];
}

/** Cache key: the source, the PyTorch version it links against and the compiler flags (minus machine paths). */
export function shimCacheKey(source: string | Buffer, pytorchVersion: string): string {
  return createHash('sha256')
    .update(source)
    .update('\0')
    .update(pytorchVersion)
    .update('\0')
    .update(shimCompilerArgs('JDK', 'LIBTORCH', 'OUT', 'SRC').join(' '))
    .digest('hex')
    .slice(0, 16);
}

const SHIM_APT_HINT =
  'apt-get install -y g++ libtorch-dev — g++ compiles harness/targets/native/djl-compat/djl_compat.cc, and ' +
  'libtorch-dev provides the PyTorch 1.13 C++ headers matching the libtorch DJL loads for ML Commons 2.19.x (the shim ' +
  'supplies JNI methods the only published 1.13.1 JNI build lacks)';

export interface ShimToolchain {
  readonly compiler: string;
  readonly jdkInclude: string;
}

export interface ToolchainProbe {
  readonly findCompiler: () => Promise<string | undefined>;
  readonly exists: (path: string) => Promise<boolean>;
  readonly readText: (path: string) => Promise<string | undefined>;
}

const realProbe: ToolchainProbe = {
  findCompiler: () => findOnPath('g++'),
  exists: async (path) => {
    try {
      await access(path);
      return true;
    } catch {
      return false;
    }
  },
  readText: async (path) => {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Checks g++, the torch headers (and their major.minor) and jni.h; throws toolchain-missing naming the apt packages. */
export async function checkShimToolchain(
  pytorchVersion: string,
  jdkHomes: readonly string[],
  probe: ToolchainProbe = realProbe,
): Promise<ShimToolchain> {
  const compiler = await probe.findCompiler();
  if (compiler === undefined) {
    throw new NativeTargetError(
      'toolchain-missing',
      `g++ not found on PATH; needed for ML Commons 2.19.x: ${SHIM_APT_HINT}`,
    );
  }
  if (!(await probe.exists(TORCH_HEADER))) {
    throw new NativeTargetError(
      'toolchain-missing',
      `PyTorch C++ headers not found (${TORCH_HEADER}); needed for ML Commons 2.19.x: ${SHIM_APT_HINT}`,
    );
  }
  const versionHeader = (await probe.readText(TORCH_VERSION_HEADER)) ?? '';
  const major = /TORCH_VERSION_MAJOR (\d+)/.exec(versionHeader)?.[1];
  const minor = /TORCH_VERSION_MINOR (\d+)/.exec(versionHeader)?.[1];
  const wanted = pytorchVersion.split('.').slice(0, 2).join('.');
  if (major !== undefined && minor !== undefined && `${major}.${minor}` !== wanted) {
    throw new NativeTargetError(
      'toolchain-missing',
      `the installed PyTorch headers are ${major}.${minor}, but the shim must be built against ${wanted} ` +
        `(libtorch-dev ${wanted}.x, e.g. Debian bookworm's 1.13.1+dfsg)`,
    );
  }
  for (const home of jdkHomes) {
    const include = join(home, 'include');
    if (await probe.exists(join(include, 'jni.h'))) {
      return { compiler, jdkInclude: home };
    }
  }
  throw new NativeTargetError(
    'toolchain-missing',
    `no jni.h in any JDK (${jdkHomes.join(', ')}); the shim needs a full JDK, not a JRE ` +
      '(Debian: apt-get install -y openjdk-17-jdk-headless)',
  );
}

export interface BuildShimOptions {
  readonly shimDir: string;
  readonly pytorchVersion: string;
  /** Directory holding libtorch_cpu.so and libc10.so to link against (the extracted native jar). */
  readonly libtorchDir: string;
  readonly jdkHomes: readonly string[];
  readonly onProgress?: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** Returns the path of the cached shim, building it first if needed. */
export async function ensureShim(options: BuildShimOptions): Promise<string> {
  const source = await readFile(SHIM_SOURCE);
  const key = shimCacheKey(source, options.pytorchVersion);
  const dir = join(options.shimDir, key);
  const output = join(dir, SHIM_LIBRARY_NAME);
  if (await realProbe.exists(output)) {
    options.onProgress?.(`cached   djl-compat shim ${key}`);
    return output;
  }
  const toolchain = await checkShimToolchain(options.pytorchVersion, options.jdkHomes);
  await mkdir(dir, { recursive: true });
  const tmp = `${output}.tmp-${process.pid}`;
  const started = Date.now();
  try {
    await runChecked(
      'building the djl-compat shim',
      toolchain.compiler,
      shimCompilerArgs(toolchain.jdkInclude, options.libtorchDir, tmp, SHIM_SOURCE),
      { signal: options.signal },
    );
    await rename(tmp, output);
  } finally {
    await rm(tmp, { force: true });
  }
  options.onProgress?.(`built    djl-compat shim ${key} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return output;
}
