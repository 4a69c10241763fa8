/**
 * Which OpenSearch versions the native target can assemble from Maven Central, and the exact artifacts each needs.
 * Availability facts come from a probe of the Maven Central mirror on 2026-11-23 (see README.md in this folder);
 * the table is data so that a newly published ML Commons zip only needs one line here.
 */
import { NativeTargetError } from './errors.ts';

export interface ParsedVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** A release line of ML Commons that shares one native (PyTorch/DJL) recipe and one Java range. */
export interface MlCommonsLine {
  readonly id: '2.19' | '3.x';
  /** PyTorch version ML Commons forces through `PYTORCH_VERSION` (DLModel.java), i.e. the libtorch DJL looks for. */
  readonly pytorchVersion: string;
  /** `ai.djl.pytorch:pytorch-jni` version that Maven Central actually serves for that PyTorch version. */
  readonly jniVersion: string;
  /** The served JNI predates native methods DJL 0.31 calls; our djl-compat shim supplies them. */
  readonly needsCompatShim: boolean;
  /** Inclusive Java major range: 2.x needs the Security Manager (gone in JDK 24), 3.x needs 21+. */
  readonly java: { readonly min: number; readonly max: number };
  /** Suffix of the env var that overrides the JDK for this line (`OMLC_JAVA_HOME_2X` / `OMLC_JAVA_HOME_3X`). */
  readonly javaOverrideEnv: 'OMLC_JAVA_HOME_2X' | 'OMLC_JAVA_HOME_3X';
}

const ML_COMMONS_LINES: readonly MlCommonsLine[] = [
  {
    id: '2.19',
    pytorchVersion: '1.13.1',
    jniVersion: '1.13.1-0.21.0',
    needsCompatShim: true,
    java: { min: 11, max: 23 },
    javaOverrideEnv: 'OMLC_JAVA_HOME_2X',
  },
  {
    id: '3.x',
    pytorchVersion: '2.5.1',
    jniVersion: '2.5.1-0.32.0',
    needsCompatShim: false,
    java: { min: 21, max: Number.MAX_SAFE_INTEGER },
    javaOverrideEnv: 'OMLC_JAVA_HOME_3X',
  },
];

/** Verified end-to-end (register → deploy → predict → undeploy → delete, ONNX and TorchScript). */
export const TESTED_VERSIONS = ['2.19.6', '3.6.0'] as const;
/** Every artifact was served on 2026-11-23, but no lifecycle has been run against it. */
export const SERVED_UNTESTED_VERSIONS = ['2.19.1'] as const;
export const DEFAULT_NATIVE_VERSIONS: readonly string[] = TESTED_VERSIONS;
export const DEFAULT_NATIVE_VERSION = '3.6.0';

export function knownVersionsText(): string {
  return `known to work: ${TESTED_VERSIONS.join(', ')} (tested), ${SERVED_UNTESTED_VERSIONS.join(', ')} (artifacts served, untested)`;
}

export function parseVersion(version: string): ParsedVersion {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version.trim());
  if (match === null) {
    throw new NativeTargetError(
      'unsupported-version',
      `"${version}" is not an OpenSearch release version (expected X.Y.Z); ${knownVersionsText()}`,
    );
  }
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function atLeast(version: string, min: string): boolean {
  return compareVersions(parseVersion(version), parseVersion(min)) >= 0;
}

/**
 * Only 2.19.x and 3.x have a native recipe: older lines use other DJL versions (0.21/0.28) whose JNI compatibility was
 * never checked, and their ML Commons zips are not on Maven Central anyway (404 for 2.11–2.18 on 2026-11-23).
 */
export function lineFor(version: string): MlCommonsLine {
  const v = parseVersion(version);
  const id = v.major === 2 && v.minor === 19 ? '2.19' : v.major === 3 ? '3.x' : undefined;
  const line = ML_COMMONS_LINES.find((l) => l.id === id);
  if (line === undefined) {
    throw new NativeTargetError(
      'unsupported-version',
      `OpenSearch ${version} is not supported by the native target: only ML Commons 2.19.x and 3.x have an offline ` +
        `PyTorch recipe, and org.opensearch.plugin:opensearch-ml-plugin:${version}.0:zip is not on Maven Central for ` +
        `2.11–2.18; ${knownVersionsText()}`,
    );
  }
  return line;
}

/** `security` is fetched only for the secured flavour (security-install.ts), never by `artifactsFor`. */
export type ArtifactRole =
  'distribution' | 'job-scheduler' | 'ml-commons' | 'knn' | 'neural-search' | 'libtorch' | 'djl-jni' | 'security';

export interface MavenArtifact {
  readonly role: ArtifactRole;
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
  readonly type: 'zip' | 'jar';
  readonly classifier?: string;
}

/** `groupId:artifactId:version:type[:classifier]`, the form `mvn dependency:copy -Dartifact=` takes. */
export function coordinate(a: MavenArtifact): string {
  const base = `${a.groupId}:${a.artifactId}:${a.version}:${a.type}`;
  return a.classifier === undefined ? base : `${base}:${a.classifier}`;
}

/** The file name `dependency:copy` writes (with `mdep.useBaseVersion=true`). */
export function artifactFileName(a: MavenArtifact): string {
  const classifier = a.classifier === undefined ? '' : `-${a.classifier}`;
  return `${a.artifactId}-${a.version}${classifier}.${a.type}`;
}

/**
 * Everything to download for one version, in fetch order: the ML Commons zip first because it is the artifact most
 * often missing from Maven Central, so an unavailable version fails before ~200 MB of other downloads.
 */
export function artifactsFor(version: string): readonly MavenArtifact[] {
  const line = lineFor(version);
  const plugin = `${version}.0`;
  return [
    {
      role: 'ml-commons',
      groupId: 'org.opensearch.plugin',
      artifactId: 'opensearch-ml-plugin',
      version: plugin,
      type: 'zip',
    },
    {
      role: 'job-scheduler',
      groupId: 'org.opensearch.plugin',
      artifactId: 'opensearch-job-scheduler',
      version: plugin,
      type: 'zip',
    },
    // k-NN and neural-search for the neural suite: served for 2.19.1, 2.19.6 and 3.6.0 like ML Commons (2026-12-02).
    { role: 'knn', groupId: 'org.opensearch.plugin', artifactId: 'opensearch-knn', version: plugin, type: 'zip' },
    {
      role: 'neural-search',
      groupId: 'org.opensearch.plugin',
      artifactId: 'neural-search',
      version: plugin,
      type: 'zip',
    },
    {
      role: 'distribution',
      groupId: 'org.opensearch.distribution.integ-test-zip',
      artifactId: 'opensearch',
      version,
      type: 'zip',
    },
    // The cxx11-ABI build: the precxx11 artifacts are not served for 1.13.1/2.5.1, and DJL accepts these libs under the
    // `-precxx11` directory name ML Commons makes it look in.
    {
      role: 'libtorch',
      groupId: 'ai.djl.pytorch',
      artifactId: 'pytorch-native-cpu',
      version: line.pytorchVersion,
      type: 'jar',
      classifier: 'linux-x86_64',
    },
    { role: 'djl-jni', groupId: 'ai.djl.pytorch', artifactId: 'pytorch-jni', version: line.jniVersion, type: 'jar' },
  ];
}

export function artifactOf(artifacts: readonly MavenArtifact[], role: ArtifactRole): MavenArtifact {
  const found = artifacts.find((a) => a.role === role);
  if (found === undefined) {
    throw new Error(`internal: no ${role} artifact in the download list`);
  }
  return found;
}
