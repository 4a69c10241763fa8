/**
 * Hand-assembles OpenSearch modules that an integ-test zip lacks. The 2.19.x integ-test zip ships only
 * `modules/transport-netty4`; modules are never published as zips, but each one's jar (or its `-client` jar) is on
 * Maven Central with a POM listing its runtime dependencies, which is all a module directory holds besides a descriptor
 * and a security policy. Which modules and why: `reindex.ts`, `painless.ts`.
 */
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathExists } from './fsutil.ts';

export interface ModuleSpec {
  /** Directory and descriptor name under `modules/`. */
  readonly name: string;
  /** `groupId:artifactId` of the published jar whose runtime dependencies make up the module. */
  readonly artifact: string;
  /** The `Plugin` subclass OpenSearch instantiates for this module (per version: the class was renamed in 3.x). */
  readonly classname: (version: string) => string;
  /** `plugin-security.policy` text: the grants the module's code needs under the Java Security Manager. */
  readonly securityPolicy: string;
  /** Why this project needs the module: printed when it is assembled. */
  readonly neededFor: string;
}

/** `reactor-core-3.7.19.jar` → `reactor-core`; keeps the name when there is no version suffix. */
export function jarBaseName(fileName: string): string {
  const stem = fileName.replace(/\.jar$/, '');
  const match = /^(.*?)-\d[^-]*(?:-[A-Za-z0-9.]+)?$/.exec(stem);
  return match?.[1] ?? stem;
}

/**
 * Jars to copy into the module: everything except what the server already has in `lib/`. A second copy of a class on
 * the module's classpath is "jar hell" and stops startup; matching on the artifact name (not just the file name) also
 * catches a different version of the same library.
 */
export function selectModuleJars(dependencyJars: readonly string[], libJars: readonly string[]): string[] {
  const libNames = new Set(libJars.filter((n) => n.endsWith('.jar')));
  const libBases = new Set([...libNames].map(jarBaseName));
  return dependencyJars
    .filter((n) => n.endsWith('.jar'))
    .filter((n) => !libNames.has(n) && !libBases.has(jarBaseName(n)))
    .sort();
}

export function moduleDescriptor(spec: ModuleSpec, version: string): string {
  return [
    `description=${spec.name} module assembled from ${spec.artifact} by opensearch-ml-conformance`,
    `version=${version}`,
    `name=${spec.name}`,
    `classname=${spec.classname(version)}`,
    'java.version=11',
    `opensearch.version=${version}`,
    'extended.plugins=',
    'has.native.controller=false',
    '',
  ].join('\n');
}

/** The specs whose directory the install at `home` lacks, in the given order. */
export async function missingModules(home: string, specs: readonly ModuleSpec[]): Promise<ModuleSpec[]> {
  const missing: ModuleSpec[] = [];
  for (const spec of specs) {
    if (!(await pathExists(join(home, 'modules', spec.name)))) {
      missing.push(spec);
    }
  }
  return missing;
}

/** Writes `<home>/modules/<name>` from the module's cached runtime jars; returns the jar names copied. */
export async function assembleModule(
  home: string,
  version: string,
  spec: ModuleSpec,
  jarsDir: string,
): Promise<string[]> {
  const moduleDir = join(home, 'modules', spec.name);
  const jars = selectModuleJars(await readdir(jarsDir), await readdir(join(home, 'lib')));
  const mainJar = `${spec.artifact.split(':')[1] ?? spec.name}-${version}.jar`;
  if (!jars.includes(mainJar)) {
    throw new Error(`${mainJar} missing from ${jarsDir}`);
  }
  await mkdir(moduleDir, { recursive: true });
  for (const jar of jars) {
    await copyFile(join(jarsDir, jar), join(moduleDir, jar));
  }
  await writeFile(join(moduleDir, 'plugin-descriptor.properties'), moduleDescriptor(spec, version));
  await writeFile(join(moduleDir, 'plugin-security.policy'), spec.securityPolicy);
  return jars;
}
