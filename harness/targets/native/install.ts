/**
 * Installs one OpenSearch version (integ-test zip + job-scheduler + ML Commons + reindex module when missing) into
 * `<installs>/opensearch-<v>/`. Built in a temp dir and renamed into place with a marker last, so an interrupted
 * install is redone rather than reused. Runs never write here (each run gets its own config, data and logs dirs), so
 * the tree only has to be world-readable for the `nobody` user the node runs as under root — which zip modes give.
 */
import { inheritedEnv } from '../../config/inherited-env.ts';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatSeconds, runChecked } from './exec.ts';
import { mkdirShared, pathExists, removeStaleTempDirs, tempName } from './fsutil.ts';
import type { ProgressFn } from './maven.ts';
import { assembleReindexModule } from './reindex.ts';
import { extractZip, restoreExecutableBits } from './zip.ts';

/** Bump when the install recipe changes so cached installs are rebuilt. */
export const INSTALL_RECIPE = 1;
const MARKER = '.omlc-install.json';

export interface InstallRecord {
  readonly recipe: number;
  readonly version: string;
  /** DJL version bundled with ML Commons, read from its jar names. */
  readonly djlVersion: string;
  /** Whether we had to hand-assemble modules/reindex. */
  readonly reindexAssembled: boolean;
  readonly installedAt: string;
}

export interface InstalledDistribution extends InstallRecord {
  readonly home: string;
}

function installHome(installsDir: string, version: string): string {
  return join(installsDir, `opensearch-${version}`);
}

/** A finished install for the current recipe, or undefined. */
export async function readInstall(installsDir: string, version: string): Promise<InstalledDistribution | undefined> {
  const home = installHome(installsDir, version);
  try {
    const record = JSON.parse(await readFile(join(home, MARKER), 'utf8')) as InstallRecord;
    return record.recipe === INSTALL_RECIPE && record.version === version ? { ...record, home } : undefined;
  } catch {
    return undefined;
  }
}

/** `api-0.31.1.jar` / `pytorch-engine-0.31.1.jar` in the ML plugin dir name the DJL version ML Commons runs. */
export function djlVersionFromJars(names: readonly string[]): string | undefined {
  for (const name of names) {
    const match = /^(?:pytorch-engine|api)-(\d+\.\d+\.\d+)\.jar$/.exec(name);
    if (match?.[1] !== undefined) {
      return match[1];
    }
  }
  return undefined;
}

export interface InstallOptions {
  readonly version: string;
  readonly installsDir: string;
  readonly distributionZip: string;
  readonly jobSchedulerZip: string;
  readonly mlCommonsZip: string;
  readonly jdkHome: string;
  /** Fetches reindex-client runtime jars; only called when the distribution lacks modules/reindex. */
  readonly reindexJars: () => Promise<string>;
  readonly onProgress?: ProgressFn;
  readonly signal?: AbortSignal;
}

export async function ensureInstalled(options: InstallOptions): Promise<InstalledDistribution> {
  const { version, installsDir } = options;
  const existing = await readInstall(installsDir, version);
  if (existing !== undefined) {
    options.onProgress?.(`cached   OpenSearch ${version} install at ${existing.home}`);
    return existing;
  }
  await mkdirShared(installsDir);
  await removeStaleTempDirs(installsDir);
  const tmp = join(installsDir, tempName(`opensearch-${version}`));
  const started = Date.now();
  try {
    await mkdirShared(tmp);
    await extractZip(options.distributionZip, tmp, { jdkHome: options.jdkHome, signal: options.signal });
    const home = join(tmp, `opensearch-${version}`);
    if (!(await pathExists(join(home, 'bin', 'opensearch')))) {
      throw new Error(`${options.distributionZip} did not contain opensearch-${version}/bin/opensearch`);
    }
    await restoreExecutableBits(home);
    const env = inheritedEnv({ JAVA_HOME: options.jdkHome, OPENSEARCH_JAVA_OPTS: '' });
    // Job Scheduler first: ML Commons 2.19+/3.x lists it in extendedPlugins, so installing ML first is refused.
    for (const zip of [options.jobSchedulerZip, options.mlCommonsZip]) {
      await runChecked(
        'opensearch-plugin install',
        join(home, 'bin', 'opensearch-plugin'),
        ['install', '--batch', `file://${zip}`],
        {
          env,
          signal: options.signal,
        },
      );
    }
    let reindexAssembled = false;
    if (!(await pathExists(join(home, 'modules', 'reindex')))) {
      const jars = await assembleReindexModule(home, version, await options.reindexJars());
      reindexAssembled = true;
      options.onProgress?.(`assembled modules/reindex from ${jars.length} jars`);
    }
    const djlVersion = djlVersionFromJars(await readdir(join(home, 'plugins', 'opensearch-ml')));
    if (djlVersion === undefined) {
      throw new Error(`no DJL api/pytorch-engine jar in ${join(home, 'plugins', 'opensearch-ml')}`);
    }
    const record: InstallRecord = {
      recipe: INSTALL_RECIPE,
      version,
      djlVersion,
      reindexAssembled,
      installedAt: new Date().toISOString(),
    };
    await writeFile(join(home, MARKER), `${JSON.stringify(record, null, 2)}\n`);
    const target = installHome(installsDir, version);
    await rm(target, { recursive: true, force: true });
    await rename(home, target);
    options.onProgress?.(
      `installed OpenSearch ${version} + job-scheduler + ML Commons (DJL ${djlVersion})` +
        `${reindexAssembled ? ' + reindex module' : ''} in ${formatSeconds(Date.now() - started)} at ${target}`,
    );
    return { ...record, home: target };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
