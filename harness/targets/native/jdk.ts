/**
 * JDK discovery. Each OpenSearch line needs a different Java range (2.x: 11–23 because it needs the Security Manager
 * that JDK 24 removed; 3.x: 21+), and CI images carry several JDKs, so we probe every candidate with `java -version`
 * instead of trusting JAVA_HOME.
 */
import { runConfig, type RunConfig } from '../../config/run-config.ts';
import { readdir, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { NativeTargetError } from './errors.ts';
import { findOnPath, isExecutable, runCommand } from './exec.ts';
import type { MlCommonsLine } from './versions.ts';

export interface JdkInfo {
  /** Resolved (realpath) Java home. */
  readonly home: string;
  readonly major: number;
  /** Full version string as printed, e.g. `17.0.15`. */
  readonly version: string;
  /** Where we found it, for messages: `OMLC_JAVA_HOME_2X`, `JAVA_HOME`, `/usr/lib/jvm`, `PATH`. */
  readonly source: string;
}

/** Parses the first line of `java -version` (stderr): `openjdk version "17.0.15" …`, `java version "1.8.0_381"`, `"25"`. */
export function parseJavaVersion(output: string): { major: number; version: string } | undefined {
  const match = /version "([^"]+)"/.exec(output);
  const version = match?.[1];
  if (version === undefined) {
    return undefined;
  }
  const parts = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (parts === null) {
    return undefined;
  }
  const first = Number(parts[1]);
  // Java 8 and older report 1.x.
  const major = first === 1 && parts[2] !== undefined ? Number(parts[2]) : first;
  return { major, version };
}

export type JavaProbe = (home: string) => Promise<string | undefined>;

/** Runs `<home>/bin/java -version` and returns its combined output, or undefined if there is no runnable java. */
const probeJava: JavaProbe = async (home) => {
  const java = join(home, 'bin', 'java');
  if (!(await isExecutable(java))) {
    return undefined;
  }
  try {
    const result = await runCommand(java, ['-version']);
    return result.code === 0 ? `${result.stderr}\n${result.stdout}` : undefined;
  } catch {
    return undefined;
  }
};

export interface DiscoverOptions {
  readonly config?: Pick<RunConfig, 'JAVA_HOME' | 'PATH' | 'OMLC_JAVA_HOME_2X' | 'OMLC_JAVA_HOME_3X'>;
  readonly jvmDir?: string;
  readonly probe?: JavaProbe;
}

/** Candidate homes in preference order for ties: JAVA_HOME, then /usr/lib/jvm entries, then `java` on PATH. */
export async function discoverJdks(options: DiscoverOptions = {}): Promise<JdkInfo[]> {
  const config = options.config ?? runConfig();
  const probe = options.probe ?? probeJava;
  const candidates: { home: string; source: string }[] = [];
  if (config.JAVA_HOME !== undefined) {
    candidates.push({ home: config.JAVA_HOME, source: 'JAVA_HOME' });
  }
  const jvmDir = options.jvmDir ?? '/usr/lib/jvm';
  try {
    for (const entry of (await readdir(jvmDir)).sort()) {
      candidates.push({ home: join(jvmDir, entry), source: jvmDir });
    }
  } catch {
    // No /usr/lib/jvm (non-Debian image): JAVA_HOME and PATH are the remaining sources.
  }
  const onPath = await findOnPath('java', config.PATH);
  if (onPath !== undefined) {
    candidates.push({ home: dirname(dirname(await safeRealpath(onPath))), source: 'PATH' });
  }
  const found: JdkInfo[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const home = await safeRealpath(candidate.home);
    if (seen.has(home)) {
      continue;
    }
    seen.add(home);
    const info = await inspectJdk(home, candidate.source, probe);
    if (info !== undefined) {
      found.push(info);
    }
  }
  return found;
}

async function inspectJdk(home: string, source: string, probe: JavaProbe = probeJava): Promise<JdkInfo | undefined> {
  const output = await probe(home);
  const parsed = output === undefined ? undefined : parseJavaVersion(output);
  return parsed === undefined ? undefined : { home, source, ...parsed };
}

/** Highest major inside the line's range wins (3.6 bundles JDK 25, 2.19 bundled 21); ties keep discovery order. */
export function chooseJdk(line: MlCommonsLine, candidates: readonly JdkInfo[]): JdkInfo | undefined {
  let best: JdkInfo | undefined;
  for (const jdk of candidates) {
    if (jdk.major >= line.java.min && jdk.major <= line.java.max && (best === undefined || jdk.major > best.major)) {
      best = jdk;
    }
  }
  return best;
}

function javaRangeText(line: MlCommonsLine): string {
  return line.java.max === Number.MAX_SAFE_INTEGER ? `${line.java.min}+` : `${line.java.min}–${line.java.max}`;
}

function javaMissingMessage(version: string, line: MlCommonsLine, found: readonly JdkInfo[]): string {
  const seen = found.length === 0 ? 'none' : found.map((j) => `${j.home} (${j.major}, via ${j.source})`).join(', ');
  const install =
    line.id === '2.19'
      ? 'install one (Debian: apt-get install -y openjdk-17-jre-headless); JDK 24+ cannot run 2.x (no Security Manager)'
      : 'install a JDK 21+ (Debian bookworm has none; e.g. Temurin 21 or 25)';
  return (
    `OpenSearch ${version} needs Java ${javaRangeText(line)}, none found. JDKs seen: ${seen}. ` +
    `${install}, or point ${line.javaOverrideEnv} at a Java home.`
  );
}

/** Picks the JDK for a version: the line's override env var if set (and valid), else the best discovered JDK. */
export async function selectJdk(version: string, line: MlCommonsLine, options: DiscoverOptions = {}): Promise<JdkInfo> {
  const override = (options.config ?? runConfig())[line.javaOverrideEnv];
  if (override !== undefined) {
    const jdk = await inspectJdk(await safeRealpath(override), line.javaOverrideEnv, options.probe ?? probeJava);
    if (jdk === undefined) {
      throw new NativeTargetError('java-missing', `${line.javaOverrideEnv}=${override}: no runnable bin/java there`);
    }
    if (jdk.major < line.java.min || jdk.major > line.java.max) {
      throw new NativeTargetError(
        'java-missing',
        `${line.javaOverrideEnv}=${override} is Java ${jdk.major}, but OpenSearch ${version} needs Java ${javaRangeText(line)}`,
      );
    }
    return jdk;
  }
  const found = await discoverJdks(options);
  const chosen = chooseJdk(line, found);
  if (chosen === undefined) {
    throw new NativeTargetError('java-missing', javaMissingMessage(version, line, found));
  }
  return chosen;
}

async function safeRealpath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}
