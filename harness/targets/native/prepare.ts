/**
 * Everything before the first start of a version: JDK choice, Maven downloads, install, prepared libtorch (+ shim).
 * Each step is cached, so a warm prepare only probes the JDKs and checks markers; mvn is needed only for a download.
 */
import { runConfig, type RunConfig } from '../../config/run-config.ts';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { NativeTargetError, throwIfAborted } from './errors.ts';
import { ensureInstalled, readInstall, type InstalledDistribution } from './install.ts';
import { discoverJdks, selectJdk, type JdkInfo } from './jdk.ts';
import { prepareLibtorch } from './libtorch.ts';
import { fetchArtifact, fetchRuntimeJars, requireMvn, type ProgressFn } from './maven.ts';
import type { NativePaths } from './paths.ts';
import { artifactOf, artifactsFor, lineFor, type ArtifactRole, type MlCommonsLine } from './versions.ts';

export interface PrepareOptions {
  readonly version: string;
  readonly paths: NativePaths;
  readonly config?: RunConfig;
  readonly onProgress?: ProgressFn;
  readonly signal?: AbortSignal;
}

export interface PreparedVersion {
  readonly version: string;
  readonly line: MlCommonsLine;
  readonly jdk: JdkInfo;
  readonly install: InstalledDistribution;
  /** Extracted libtorch + JNI (+ shim) to hard-link into each run's data dir. */
  readonly libtorchDir: string;
}

export function checkPlatform(): void {
  if (platform() !== 'linux' || arch() !== 'x64') {
    throw new NativeTargetError(
      'unsupported-platform',
      `the native target supports linux-x86_64 only (the libtorch/JNI jars it seeds are linux-x86_64); this is ${platform()}-${arch()}`,
    );
  }
}

export async function prepareNativeVersion(options: PrepareOptions): Promise<PreparedVersion> {
  const { version, paths, signal } = options;
  const config = options.config ?? runConfig();
  const progress = options.onProgress;
  checkPlatform();
  const line = lineFor(version);
  const jdk = await selectJdk(version, line, { config });
  progress?.(`java     ${jdk.version} at ${jdk.home} (via ${jdk.source})`);

  const artifacts = artifactsFor(version);
  let mvn: string | undefined;
  const mavenOptions = async (): Promise<{
    mvn: string;
    onProgress?: ProgressFn;
    signal?: AbortSignal;
    extraArgs: string[];
  }> => {
    mvn ??= await requireMvn(config.PATH);
    return { mvn, onProgress: progress, signal, extraArgs: [...(config.OMLC_MVN_ARGS ?? [])] };
  };
  const fetchRole = async (role: ArtifactRole): Promise<string> =>
    fetchArtifact(artifactOf(artifacts, role), paths.downloadsDir, await mavenOptions());

  let install = await readInstall(paths.installsDir, version);
  if (install === undefined) {
    // Fetch order matters: ML Commons first (most often missing), so an unavailable version fails fast; the plugin
    // zips are fetched up front for the same reason (the install asks for them again, from the cache).
    for (const artifact of artifacts.filter((a) => a.type === 'zip')) {
      await fetchRole(artifact.role);
    }
    throwIfAborted(signal);
    install = await ensureInstalled({
      version,
      installsDir: paths.installsDir,
      distributionZip: await fetchRole('distribution'),
      pluginZip: fetchRole,
      jdkHome: jdk.home,
      moduleJars: async (spec) =>
        fetchRuntimeJars(spec.artifact, version, join(paths.modulesDir, spec.name), await mavenOptions()),
      onProgress: progress,
      signal,
    });
  } else {
    progress?.(`cached   OpenSearch ${version} install at ${install.home}`);
  }
  throwIfAborted(signal);

  const jdkHomes = line.needsCompatShim
    ? [jdk.home, ...(await discoverJdks({ config })).map((j) => j.home).filter((h) => h !== jdk.home)]
    : [jdk.home];
  const djlVersion = install.djlVersion;
  const libtorchDir = await prepareLibtorch({
    line,
    djlVersion,
    jars: async () => ({ nativeJar: await fetchRole('libtorch'), jniJar: await fetchRole('djl-jni') }),
    libtorchRoot: paths.libtorchDir,
    shimDir: paths.shimDir,
    jdkHomes,
    onProgress: progress,
    signal,
  });
  return { version, line, jdk, install, libtorchDir };
}
