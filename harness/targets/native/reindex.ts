/**
 * Hand-assembles `modules/reindex` for integ-test zips that lack it (2.19.x ships only transport-netty4). Without it
 * DELETE model fails with 500 "Model is not all cleaned up", because ML Commons removes model chunks with
 * DeleteByQuery, whose handler lives in the reindex module. Modules are not published; reindex-client is.
 */
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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

export function reindexDescriptor(version: string): string {
  return [
    'description=Reindex module assembled from reindex-client by opensearch-ml-conformance',
    `version=${version}`,
    'name=reindex',
    'classname=org.opensearch.index.reindex.ReindexPlugin',
    'java.version=11',
    `opensearch.version=${version}`,
    'extended.plugins=',
    'has.native.controller=false',
    '',
  ].join('\n');
}

/** Same grants as the upstream module's policy (reindex-from-remote uses the low-level REST client). */
const REINDEX_SECURITY_POLICY = `grant {
  permission java.net.SocketPermission "*", "connect";
};
grant codeBase "\${codebase.opensearch-rest-client}" {
  permission java.net.NetPermission "getProxySelector";
};
grant codeBase "\${codebase.httpasyncclient}" {
  permission java.net.NetPermission "getProxySelector";
};
`;

/** Writes `<home>/modules/reindex` from the cached reindex-client runtime jars; returns the jar names copied. */
export async function assembleReindexModule(home: string, version: string, jarsDir: string): Promise<string[]> {
  const moduleDir = join(home, 'modules', 'reindex');
  const jars = selectModuleJars(await readdir(jarsDir), await readdir(join(home, 'lib')));
  if (!jars.some((n) => n.startsWith('reindex-client-'))) {
    throw new Error(`reindex-client-${version}.jar missing from ${jarsDir}`);
  }
  await mkdir(moduleDir, { recursive: true });
  for (const jar of jars) {
    await copyFile(join(jarsDir, jar), join(moduleDir, jar));
  }
  await writeFile(join(moduleDir, 'plugin-descriptor.properties'), reindexDescriptor(version));
  await writeFile(join(moduleDir, 'plugin-security.policy'), REINDEX_SECURITY_POLICY);
  return jars;
}
