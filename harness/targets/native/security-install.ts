/**
 * The secured flavour of a native install: the plain install (OpenSearch + job-scheduler + ML Commons) copied to
 * `<installs>/opensearch-<v>-security/` plus the security plugin. A separate directory (own marker) so the plain
 * install, which every other run uses, is never touched; built in a temp dir and renamed into place like the plain one.
 */
import { inheritedEnv } from '../../config/inherited-env.ts';
import { cp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NativeTargetError } from './errors.ts';
import { formatSeconds, runChecked } from './exec.ts';
import { mkdirShared, removeStaleTempDirs, tempName } from './fsutil.ts';
import type { InstalledDistribution } from './install.ts';
import type { ProgressFn } from './maven.ts';
import type { MavenArtifact } from './versions.ts';

/**
 * Versions for which Maven Central served `org.opensearch.plugin:opensearch-security:<v>.0:zip` (probed 2026-11-23;
 * 404 for 2.19.6.0 and 3.6.0.0). Of these, only 2.19.1 also has an ML Commons zip there.
 */
export const SECURITY_PLUGIN_VERSIONS = ['2.11.1', '2.19.1', '2.19.3', '2.19.4', '3.4.0'] as const;
export const SECURED_NATIVE_VERSION = '2.19.1';

/** Bump when the secured recipe changes so cached secured installs are rebuilt. */
const SECURED_RECIPE = 1;
const MARKER = '.omlc-secured-install.json';

interface SecuredRecord {
  readonly recipe: number;
  readonly version: string;
  /** `installedAt` of the plain install it was copied from: a rebuilt plain install invalidates this one. */
  readonly baseInstalledAt: string;
}

export function securityArtifactFor(version: string): MavenArtifact {
  if (!(SECURITY_PLUGIN_VERSIONS as readonly string[]).includes(version)) {
    throw new NativeTargetError(
      'artifact-unavailable',
      `the security plugin org.opensearch.plugin:opensearch-security:${version}.0:zip is not on Maven Central; it is ` +
        `served for ${SECURITY_PLUGIN_VERSIONS.join(', ')}, and of those only ${SECURED_NATIVE_VERSION} also has an ` +
        'ML Commons zip: start the secured native cluster with version ' +
        SECURED_NATIVE_VERSION,
    );
  }
  return {
    role: 'security',
    groupId: 'org.opensearch.plugin',
    artifactId: 'opensearch-security',
    version: `${version}.0`,
    type: 'zip',
  };
}

export function securedInstallHome(installsDir: string, version: string): string {
  return join(installsDir, `opensearch-${version}-security`);
}

async function readSecuredInstall(
  installsDir: string,
  plain: InstalledDistribution,
): Promise<InstalledDistribution | undefined> {
  const home = securedInstallHome(installsDir, plain.version);
  try {
    const record = JSON.parse(await readFile(join(home, MARKER), 'utf8')) as SecuredRecord;
    const current =
      record.recipe === SECURED_RECIPE &&
      record.version === plain.version &&
      record.baseInstalledAt === plain.installedAt;
    return current ? { ...plain, home } : undefined;
  } catch {
    return undefined;
  }
}

export interface SecuredInstallOptions {
  readonly plain: InstalledDistribution;
  readonly installsDir: string;
  /** Downloads the security plugin zip; only called when the secured install is not cached. */
  readonly securityZip: () => Promise<string>;
  readonly jdkHome: string;
  readonly onProgress?: ProgressFn;
  readonly signal?: AbortSignal;
}

export async function ensureSecuredInstall(options: SecuredInstallOptions): Promise<InstalledDistribution> {
  const { plain, installsDir } = options;
  const existing = await readSecuredInstall(installsDir, plain);
  if (existing !== undefined) {
    options.onProgress?.(`cached   secured OpenSearch ${plain.version} install at ${existing.home}`);
    return existing;
  }
  const zip = await options.securityZip();
  await removeStaleTempDirs(installsDir);
  const tmp = join(installsDir, tempName(`opensearch-${plain.version}-security`));
  const started = Date.now();
  try {
    await mkdirShared(tmp);
    const home = join(tmp, 'home');
    await cp(plain.home, home, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    await runChecked(
      'opensearch-plugin install opensearch-security',
      join(home, 'bin', 'opensearch-plugin'),
      ['install', '--batch', `file://${zip}`],
      { env: inheritedEnv({ JAVA_HOME: options.jdkHome, OPENSEARCH_JAVA_OPTS: '' }), signal: options.signal },
    );
    const record: SecuredRecord = {
      recipe: SECURED_RECIPE,
      version: plain.version,
      baseInstalledAt: plain.installedAt,
    };
    await writeFile(join(home, MARKER), `${JSON.stringify(record, null, 2)}\n`);
    const target = securedInstallHome(installsDir, plain.version);
    await rm(target, { recursive: true, force: true });
    await rename(home, target);
    options.onProgress?.(
      `installed the security plugin into a copy of OpenSearch ${plain.version} in ` +
        `${formatSeconds(Date.now() - started)} at ${target}`,
    );
    return { ...plain, home: target };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
