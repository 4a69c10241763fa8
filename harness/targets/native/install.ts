/**
 * Installs one OpenSearch version (integ-test zip + the modules it lacks + job-scheduler, ML Commons, k-NN and
 * neural-search; see plugins.ts) into `<installs>/opensearch-<v>/`. Built in a temp dir and renamed into place with a
 * marker last, so an interrupted install is redone rather than reused. The marker lists what was installed, and an
 * install whose list differs from today's (e.g. one made before k-NN was added) is rebuilt. Runs never write here (each run gets its own config, data and logs dirs), so
 * the tree only has to be world-readable for the `nobody` user the node runs as under root — which zip modes give.
 */
import { inheritedEnv } from '../../config/inherited-env.ts';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatSeconds, runChecked } from './exec.ts';
import { mkdirShared, pathExists, removeStaleTempDirs, tempName } from './fsutil.ts';
import type { ProgressFn } from './maven.ts';
import { assembleModule, missingModules, type ModuleSpec } from './module-assembly.ts';
import { ASSEMBLED_MODULES, INSTALLED_PLUGINS, installedPluginNames } from './plugins.ts';
import type { ArtifactRole } from './versions.ts';
import { extractZip, restoreExecutableBits } from './zip.ts';

/**
 * Bump when the install steps change so cached installs are rebuilt. What is installed is checked separately through
 * `plugins` (so adding a plugin does not need a bump, and older code that only knows recipe 1 still reuses an install
 * that merely has more plugins).
 */
export const INSTALL_RECIPE = 1;
const MARKER = '.omlc-install.json';

export interface InstallRecord {
  readonly recipe: number;
  readonly version: string;
  /** DJL version bundled with ML Commons, read from its jar names. */
  readonly djlVersion: string;
  /** Plugin folder names in install order; must equal `installedPluginNames()` for the install to be reused. */
  readonly plugins: readonly string[];
  /** Modules hand-assembled because the integ-test zip lacked them (reindex, lang-painless on 2.19.x). */
  readonly assembledModules: readonly string[];
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
    const record = JSON.parse(await readFile(join(home, MARKER), 'utf8')) as Partial<InstallRecord>;
    return isCurrentRecord(record, version) ? { ...record, home } : undefined;
  } catch {
    return undefined;
  }
}

/** Same recipe, same version, and exactly today's plugins in today's order. */
export function isCurrentRecord(record: Partial<InstallRecord>, version: string): record is InstallRecord {
  const wanted = installedPluginNames();
  return (
    record.recipe === INSTALL_RECIPE &&
    record.version === version &&
    typeof record.djlVersion === 'string' &&
    typeof record.installedAt === 'string' &&
    Array.isArray(record.assembledModules) &&
    Array.isArray(record.plugins) &&
    record.plugins.length === wanted.length &&
    record.plugins.every((name, i) => name === wanted[i])
  );
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
  /** Downloads a plugin zip (roles of INSTALLED_PLUGINS); only called when the install is rebuilt. */
  readonly pluginZip: (role: ArtifactRole) => Promise<string>;
  readonly jdkHome: string;
  /** Fetches a module's runtime jars; only called for modules the distribution lacks. */
  readonly moduleJars: (spec: ModuleSpec) => Promise<string>;
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
    // Modules first: k-NN's install is refused while lang-painless (one of its extended plugins) is missing.
    const assembledModules: string[] = [];
    for (const spec of await missingModules(home, ASSEMBLED_MODULES)) {
      const jars = await assembleModule(home, version, spec, await options.moduleJars(spec));
      assembledModules.push(spec.name);
      options.onProgress?.(`assembled modules/${spec.name} from ${jars.length} jars (needed by ${spec.neededFor})`);
    }
    const env = inheritedEnv({ JAVA_HOME: options.jdkHome, OPENSEARCH_JAVA_OPTS: '' });
    for (const plugin of INSTALLED_PLUGINS) {
      const zip = await options.pluginZip(plugin.role);
      await runChecked(
        `opensearch-plugin install ${plugin.name}`,
        join(home, 'bin', 'opensearch-plugin'),
        ['install', '--batch', `file://${zip}`],
        { env, signal: options.signal },
      );
      if (!(await pathExists(join(home, 'plugins', plugin.name)))) {
        throw new Error(`installing ${zip} did not create plugins/${plugin.name}`);
      }
    }
    const djlVersion = djlVersionFromJars(await readdir(join(home, 'plugins', 'opensearch-ml')));
    if (djlVersion === undefined) {
      throw new Error(`no DJL api/pytorch-engine jar in ${join(home, 'plugins', 'opensearch-ml')}`);
    }
    const record: InstallRecord = {
      recipe: INSTALL_RECIPE,
      version,
      djlVersion,
      plugins: installedPluginNames(),
      assembledModules,
      installedAt: new Date().toISOString(),
    };
    await writeFile(join(home, MARKER), `${JSON.stringify(record, null, 2)}\n`);
    const target = installHome(installsDir, version);
    await rm(target, { recursive: true, force: true });
    await rename(home, target);
    options.onProgress?.(
      `installed OpenSearch ${version} + ${installedPluginNames().join(' + ')} (DJL ${djlVersion})` +
        `${assembledModules.map((m) => ` + ${m} module`).join('')} in ${formatSeconds(Date.now() - started)} at ${target}`,
    );
    return { ...record, home: target };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
