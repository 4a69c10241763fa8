/**
 * Cheap local check for target auto-detection: no network, no downloads. "ok" means a start is expected to work
 * (Java of the right major + either mvn or a fully prepared cache, + the shim toolchain or a cached shim for 2.19.x).
 */
import { runConfig, type RunConfig } from '../../config/run-config.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isNativeTargetError, NativeTargetError } from './errors.ts';
import { findOnPath } from './exec.ts';
import { pathExists } from './fsutil.ts';
import { readInstall } from './install.ts';
import { discoverJdks, selectJdk } from './jdk.ts';
import { isLibtorchPrepared } from './libtorch.ts';
import { MVN_INSTALL_HINT } from './maven.ts';
import { resolveNativePaths } from './paths.ts';
import { checkPlatform } from './prepare.ts';
import { checkShimToolchain, SHIM_LIBRARY_NAME, SHIM_SOURCE, shimCacheKey } from './shim.ts';
import { DEFAULT_NATIVE_VERSIONS, lineFor, SERVED_UNTESTED_VERSIONS, TESTED_VERSIONS } from './versions.ts';

export type NativeAvailability =
  { readonly ok: true; readonly why: string } | { readonly ok: false; readonly reason: string };

export interface AvailabilityOptions {
  /** Versions that must all be startable; default: the default matrix (2.19.6 and 3.6.0). */
  readonly versions?: readonly string[];
  readonly config?: RunConfig;
}

export async function nativeAvailability(options: AvailabilityOptions = {}): Promise<NativeAvailability> {
  const config = options.config ?? runConfig();
  const whys: string[] = [];
  try {
    checkPlatform();
    for (const version of options.versions ?? DEFAULT_NATIVE_VERSIONS) {
      whys.push(await versionAvailability(version, config));
    }
  } catch (error) {
    if (isNativeTargetError(error)) {
      return { ok: false, reason: `native target unavailable: ${error.message}` };
    }
    throw error;
  }
  return { ok: true, why: whys.join('; ') };
}

/** Returns a "why" for one version, or throws a NativeTargetError whose message is the reason. */
async function versionAvailability(version: string, config: RunConfig): Promise<string> {
  const paths = resolveNativePaths(config);
  const line = lineFor(version);
  const jdk = await selectJdk(version, line, { config });
  const java = `Java ${jdk.major} at ${jdk.home}`;
  const install = await readInstall(paths.installsDir, version);
  if (install !== undefined && (await isLibtorchPrepared(paths.libtorchDir, line, install.djlVersion))) {
    return `${version}: prepared install at ${install.home}, ${java}`;
  }
  const mvn = await findOnPath('mvn', config.PATH);
  if (mvn === undefined) {
    throw new NativeTargetError(
      'mvn-missing',
      `${version}: mvn not found on PATH and no prepared install: ${MVN_INSTALL_HINT}`,
    );
  }
  if (line.needsCompatShim) {
    const key = shimCacheKey(await readFile(SHIM_SOURCE), line.pytorchVersion);
    if (!(await pathExists(join(paths.shimDir, key, SHIM_LIBRARY_NAME)))) {
      const homes = [jdk.home, ...(await discoverJdks({ config })).map((j) => j.home)];
      await checkShimToolchain(line.pytorchVersion, homes);
    }
  }
  const known = ([...TESTED_VERSIONS, ...SERVED_UNTESTED_VERSIONS] as readonly string[]).includes(version)
    ? ''
    : ' — not a version known to be served; the first start will tell';
  return `${version}: ${java}, mvn at ${mvn} (first start downloads ~0.6 GB from Maven Central)${known}`;
}
