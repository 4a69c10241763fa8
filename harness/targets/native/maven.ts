/**
 * Maven Central access through `mvn` — the one documented path to Maven Central on CI (no direct internet).
 * Each artifact lands in a temp dir first and is renamed into the cache, so an interrupted download is never reused.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NativeTargetError } from './errors.ts';
import { removeStaleTempDirs, tempName } from './fsutil.ts';
import {
  findOnPath,
  formatBytes,
  formatSeconds,
  runCommand,
  stripAnsi,
  tailLines,
  type CommandResult,
} from './exec.ts';
import { artifactFileName, coordinate, knownVersionsText, type MavenArtifact } from './versions.ts';

export type ProgressFn = (line: string) => void;

export interface MavenOptions {
  readonly mvn: string;
  readonly onProgress?: ProgressFn;
  readonly signal?: AbortSignal;
  /** Extra arguments for every mvn call, from `OMLC_MVN_ARGS` (e.g. `-Dmaven.repo.local=…` or `-s settings.xml`). */
  readonly extraArgs?: readonly string[];
}

export const MVN_INSTALL_HINT =
  'the native target fetches OpenSearch, ML Commons and libtorch from Maven Central with Maven ' +
  '(Debian: apt-get install -y maven), or set PATH so that `mvn` is found';

export async function requireMvn(searchPath: string): Promise<string> {
  const mvn = await findOnPath('mvn', searchPath);
  if (mvn === undefined) {
    throw new NativeTargetError('mvn-missing', `mvn not found on PATH: ${MVN_INSTALL_HINT}`);
  }
  return mvn;
}

const BASE_ARGS = ['-q', '-B', '-Dstyle.color=never'];

/** Returns the local path of the artifact, downloading it unless the cache already has it. */
export async function fetchArtifact(
  artifact: MavenArtifact,
  downloadsDir: string,
  options: MavenOptions,
): Promise<string> {
  const target = join(downloadsDir, artifactFileName(artifact));
  const coord = coordinate(artifact);
  const cached = await sizeOf(target);
  if (cached !== undefined) {
    options.onProgress?.(`cached   ${coord} (${formatBytes(cached)})`);
    return target;
  }
  await mkdir(downloadsDir, { recursive: true });
  await removeStaleTempDirs(downloadsDir);
  const tmp = join(downloadsDir, tempName(artifact.artifactId));
  await mkdir(tmp);
  const started = Date.now();
  try {
    const result = await runMvn(
      ['dependency:copy', `-Dartifact=${coord}`, `-DoutputDirectory=${tmp}`, '-Dmdep.useBaseVersion=true'],
      options,
    );
    if (result.code !== 0) {
      throw mavenError(coord, artifact.role, result);
    }
    await rename(join(tmp, artifactFileName(artifact)), target);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const size = (await sizeOf(target)) ?? 0;
  options.onProgress?.(`fetched  ${coord} (${formatBytes(size)}, ${formatSeconds(Date.now() - started)})`);
  return target;
}

/**
 * The server and everything it pulls in are on the node's classpath already (`lib/`); without this exclusion the
 * painless SPI's dependency on the server drags in ~40 jars, some of which `lib/` does not have (annotation jars the
 * server's POM lists but its distribution leaves out), and they would end up in the module.
 */
const SERVER_EXCLUSION =
  '<exclusions><exclusion><groupId>org.opensearch</groupId><artifactId>opensearch</artifactId></exclusion></exclusions>';

/**
 * Runtime jars of `<artifact>:<version>` (a module's published jar, e.g. `org.opensearch.plugin:reindex-client`),
 * resolved through a throw-away POM into `<cacheDir>/<version>/`. Cached with a completion marker.
 */
export async function fetchRuntimeJars(
  artifact: string,
  version: string,
  cacheDir: string,
  options: MavenOptions,
): Promise<string> {
  const target = join(cacheDir, version);
  const marker = join(target, '.omlc-complete');
  const coord = `${artifact}:${version}`;
  const [groupId, artifactId] = artifact.split(':');
  if (groupId === undefined || artifactId === undefined) {
    throw new Error(`internal: "${artifact}" is not groupId:artifactId`);
  }
  if ((await sizeOf(marker)) !== undefined) {
    options.onProgress?.(`cached   ${coord} + runtime deps`);
    return target;
  }
  await mkdir(cacheDir, { recursive: true });
  await removeStaleTempDirs(cacheDir);
  const tmp = join(cacheDir, tempName(`${artifactId}-${version}`));
  await mkdir(tmp);
  const started = Date.now();
  try {
    const pom =
      '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>' +
      `<groupId>local.omlc</groupId><artifactId>${artifactId}-module</artifactId><version>1</version>` +
      '<packaging>pom</packaging>' +
      `<dependencies><dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId>` +
      `<version>${version}</version>${SERVER_EXCLUSION}</dependency></dependencies></project>\n`;
    await writeFile(join(tmp, 'pom.xml'), pom);
    const jars = join(tmp, 'jars');
    const result = await runMvn(
      [
        '-f',
        join(tmp, 'pom.xml'),
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${jars}`,
      ],
      options,
    );
    if (result.code !== 0) {
      throw mavenError(coord, `${artifactId} module`, result);
    }
    await writeFile(join(jars, '.omlc-complete'), `${coord}\n`);
    await rm(target, { recursive: true, force: true });
    await rename(jars, target);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const names = (await readdir(target)).filter((n) => n.endsWith('.jar'));
  options.onProgress?.(`fetched  ${coord} + ${names.length - 1} runtime deps (${formatSeconds(Date.now() - started)})`);
  return target;
}

function runMvn(goalArgs: readonly string[], options: MavenOptions): Promise<CommandResult> {
  return runCommand(options.mvn, [...BASE_ARGS, ...(options.extraArgs ?? []), ...goalArgs], { signal: options.signal });
}

/** Turns mvn's wall of [ERROR] lines into one sentence that names the coordinate and what to do. */
export function mavenError(coord: string, role: string, result: CommandResult): NativeTargetError {
  const output = stripAnsi(`${result.stdout}\n${result.stderr}`);
  // Maven words a 404 differently when it remembers an earlier miss in the local repository.
  const notFound =
    /Could not find artifact (\S+)/.exec(output) ??
    /Failure to find (\S+)/.exec(output) ??
    /(\S+) was not found in \S+ during a previous attempt/.exec(output);
  if (notFound !== null) {
    return new NativeTargetError(
      'artifact-unavailable',
      `${role} artifact ${coord} is not available from Maven Central (mvn: "${notFound[0]}"). ` +
        `Versions ${knownVersionsText()}`,
    );
  }
  return new NativeTargetError(
    'mvn-failed',
    `mvn could not fetch ${role} artifact ${coord} (exit ${String(result.code)}); is Maven Central reachable? ` +
      `Last output:\n${tailLines(output, 15)}`,
  );
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}
