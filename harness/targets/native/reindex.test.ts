import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleReindexModule, jarBaseName, reindexDescriptor, selectModuleJars } from './reindex.ts';

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

describe('assembleReindexModule', () => {
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
      await assembleReindexModule(home, '2.19.6', jars);
      const moduleDir = join(home, 'modules', 'reindex');
      const files = await readdir(moduleDir);
      expect(files).toContain('reindex-client-2.19.6.jar');
      expect(files).not.toContain('reactor-core-3.7.19.jar');
      expect(await readFile(join(moduleDir, 'plugin-descriptor.properties'), 'utf8')).toBe(reindexDescriptor('2.19.6'));
      expect(await readFile(join(moduleDir, 'plugin-security.policy'), 'utf8')).toContain(
        'grant codeBase "${codebase.opensearch-rest-client}"',
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('descriptor names the ReindexPlugin class and the exact version', () => {
    const text = reindexDescriptor('2.19.6');
    expect(text).toContain('classname=org.opensearch.index.reindex.ReindexPlugin\n');
    expect(text).toContain('opensearch.version=2.19.6\n');
    expect(text).toContain('name=reindex\n');
  });
});
