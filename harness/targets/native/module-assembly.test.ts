import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleModule, jarBaseName, missingModules, moduleDescriptor, selectModuleJars } from './module-assembly.ts';
import { PAINLESS_MODULE } from './painless.ts';
import { REINDEX_MODULE } from './reindex.ts';

// Real names: `mvn dependency:copy-dependencies` of reindex-client:2.19.6 and the integ-test zip's lib/ (excerpt).
const DEPS = [
  'commons-codec-1.18.0.jar',
  'commons-logging-1.2.jar',
  'httpasyncclient-4.1.5.jar',
  'httpclient-4.5.14.jar',
  'httpcore-4.4.16.jar',
  'httpcore-nio-4.4.16.jar',
  'opensearch-common-2.19.6.jar',
  'opensearch-rest-client-2.19.6.jar',
  'opensearch-ssl-config-2.19.6.jar',
  'reactive-streams-1.0.4.jar',
  'reactor-core-3.7.19.jar',
  'reindex-client-2.19.6.jar',
];
const LIB = [
  'opensearch-2.19.6.jar',
  'opensearch-common-2.19.6.jar',
  'opensearch-core-2.19.6.jar',
  'reactive-streams-1.0.4.jar',
  'reactor-core-3.7.19.jar',
  'log4j-api-2.25.4.jar',
  'tools',
];

describe('jarBaseName', () => {
  it.for([
    ['reactor-core-3.7.19.jar', 'reactor-core'],
    ['opensearch-rest-client-2.19.6.jar', 'opensearch-rest-client'],
    ['guava-32.1.3-jre.jar', 'guava'],
    ['t-digest-3.2.jar', 't-digest'],
    ['zstd-jni-1.5.5-5.jar', 'zstd-jni'],
    ['plain.jar', 'plain'],
  ] as const)('%s → %s', ([file, base]) => {
    expect(jarBaseName(file)).toBe(base);
  });
});

describe('selectModuleJars', () => {
  it('drops what lib/ already has (jar hell otherwise) and keeps the rest', () => {
    expect(selectModuleJars(DEPS, LIB)).toEqual([
      'commons-codec-1.18.0.jar',
      'commons-logging-1.2.jar',
      'httpasyncclient-4.1.5.jar',
      'httpclient-4.5.14.jar',
      'httpcore-4.4.16.jar',
      'httpcore-nio-4.4.16.jar',
      'opensearch-rest-client-2.19.6.jar',
      'opensearch-ssl-config-2.19.6.jar',
      'reindex-client-2.19.6.jar',
    ]);
  });

  it('also drops a different version of a library lib/ has', () => {
    expect(selectModuleJars(['reactor-core-3.8.0.jar', 'x-1.0.jar'], LIB)).toEqual(['x-1.0.jar']);
  });
});

describe('assembleModule', () => {
  it('writes jars, descriptor and policy into modules/reindex', async () => {
    const root = await mkdtemp(join(tmpdir(), 'omlc-reindex-'));
    try {
      const home = join(root, 'home');
      const jars = join(root, 'jars');
      await mkdir(join(home, 'lib'), { recursive: true });
      await mkdir(jars);
      for (const name of LIB.filter((n) => n.endsWith('.jar'))) {
        await writeFile(join(home, 'lib', name), '');
      }
      for (const name of DEPS) {
        await writeFile(join(jars, name), name);
      }
      expect(await missingModules(home, [REINDEX_MODULE, PAINLESS_MODULE])).toEqual([REINDEX_MODULE, PAINLESS_MODULE]);
      await assembleModule(home, '2.19.6', REINDEX_MODULE, jars);
      expect(await missingModules(home, [REINDEX_MODULE, PAINLESS_MODULE])).toEqual([PAINLESS_MODULE]);
      const moduleDir = join(home, 'modules', 'reindex');
      const files = await readdir(moduleDir);
      expect(files).toContain('reindex-client-2.19.6.jar');
      expect(files).not.toContain('reactor-core-3.7.19.jar');
      expect(await readFile(join(moduleDir, 'plugin-descriptor.properties'), 'utf8')).toBe(
        moduleDescriptor(REINDEX_MODULE, '2.19.6'),
      );
      expect(await readFile(join(moduleDir, 'plugin-security.policy'), 'utf8')).toContain(
        'grant codeBase "${codebase.opensearch-rest-client}"',
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('refuses a jars dir without the module jar itself', async () => {
    const root = await mkdtemp(join(tmpdir(), 'omlc-painless-'));
    try {
      await mkdir(join(root, 'home', 'lib'), { recursive: true });
      await mkdir(join(root, 'jars'));
      await writeFile(join(root, 'jars', 'antlr4-runtime-4.13.1.jar'), '');
      await expect(assembleModule(join(root, 'home'), '2.19.6', PAINLESS_MODULE, join(root, 'jars'))).rejects.toThrow(
        /lang-painless-2\.19\.6\.jar missing from/,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('descriptors name the plugin class and the exact version', () => {
    const reindex = moduleDescriptor(REINDEX_MODULE, '2.19.6');
    expect(reindex).toContain('classname=org.opensearch.index.reindex.ReindexPlugin\n');
    expect(reindex).toContain('opensearch.version=2.19.6\n');
    expect(reindex).toContain('name=reindex\n');
    const painless = moduleDescriptor(PAINLESS_MODULE, '2.19.6');
    expect(painless).toContain('classname=org.opensearch.painless.PainlessPlugin\n');
    expect(painless).toContain('name=lang-painless\n');
    // 3.x renamed the class; its zips ship the module, but a spec used there must not name the old class.
    expect(moduleDescriptor(PAINLESS_MODULE, '3.6.0')).toContain(
      'classname=org.opensearch.painless.PainlessModulePlugin\n',
    );
  });
});
