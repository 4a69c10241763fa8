import { parseRunConfig } from '../../config/run-config.ts';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isNativeTargetError } from './errors.ts';
import { chooseJdk, discoverJdks, parseJavaVersion, selectJdk, type JavaProbe, type JdkInfo } from './jdk.ts';
import { lineFor } from './versions.ts';

const OUTPUTS = {
  jdk17: 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)',
  jdk21: 'openjdk version "21.0.7" 2025-04-15 LTS\nOpenJDK Runtime Environment Temurin-21.0.7+6',
  jdk25: 'openjdk version "25.0.3" 2026-04-21 LTS\nOpenJDK Runtime Environment Temurin-25.0.3+9',
  jdk8: 'java version "1.8.0_381"\nJava(TM) SE Runtime Environment (build 1.8.0_381-b09)',
  jdk26ea: 'openjdk version "26-ea" 2026-03-17',
};

describe('parseJavaVersion', () => {
  it.for([
    [OUTPUTS.jdk17, 17, '17.0.15'],
    [OUTPUTS.jdk25, 25, '25.0.3'],
    [OUTPUTS.jdk8, 8, '1.8.0_381'],
    [OUTPUTS.jdk26ea, 26, '26-ea'],
    ['Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "11.0.2" 2019-01-15', 11, '11.0.2'],
  ] as const)('parses %#', ([output, major, version]) => {
    expect(parseJavaVersion(output)).toEqual({ major, version });
  });

  it('returns undefined for garbage', () => {
    expect(parseJavaVersion('command not found')).toBeUndefined();
  });
});

const jdk = (home: string, major: number): JdkInfo => ({ home, major, version: String(major), source: 'test' });

describe('chooseJdk', () => {
  const all = [jdk('/j17', 17), jdk('/j25', 25), jdk('/j21', 21), jdk('/j8', 8)];

  it('2.19: highest major below 24 (Security Manager is gone in 24+)', () => {
    expect(chooseJdk(lineFor('2.19.6'), all)?.home).toBe('/j21');
    expect(chooseJdk(lineFor('2.19.6'), [jdk('/j25', 25), jdk('/j17', 17)])?.home).toBe('/j17');
  });

  it('3.x: highest major from 21', () => {
    expect(chooseJdk(lineFor('3.6.0'), all)?.home).toBe('/j25');
    expect(chooseJdk(lineFor('3.6.0'), [jdk('/j17', 17)])).toBeUndefined();
  });

  it('2.19 with only JDK 25 and 8: none', () => {
    expect(chooseJdk(lineFor('2.19.6'), [jdk('/j25', 25), jdk('/j8', 8)])).toBeUndefined();
  });
});

describe('discoverJdks / selectJdk with fake `java -version`', () => {
  let jvmDir: string;
  const outputs = new Map<string, string>();
  const probe: JavaProbe = (home) => Promise.resolve(outputs.get(home));

  beforeEach(async () => {
    jvmDir = await mkdtemp(join(tmpdir(), 'omlc-jvm-'));
    outputs.clear();
    for (const [name, output] of [
      ['java-17-openjdk-amd64', OUTPUTS.jdk17],
      ['temurin-25-jdk-amd64', OUTPUTS.jdk25],
      ['broken', undefined],
    ] as const) {
      await mkdir(join(jvmDir, name));
      if (output !== undefined) {
        outputs.set(join(jvmDir, name), output);
      }
    }
  });
  afterEach(() => rm(jvmDir, { recursive: true, force: true }));

  const config = (extra: Record<string, string> = {}) => parseRunConfig({ PATH: '', ...extra });

  it('probes every home and skips the ones without a runnable java', async () => {
    const found = await discoverJdks({ config: config(), jvmDir, probe });
    expect(found.map((j) => j.major)).toEqual([17, 25]);
  });

  it('picks 17 for 2.19.6 and 25 for 3.6.0', async () => {
    expect((await selectJdk('2.19.6', lineFor('2.19.6'), { config: config(), jvmDir, probe })).major).toBe(17);
    expect((await selectJdk('3.6.0', lineFor('3.6.0'), { config: config(), jvmDir, probe })).major).toBe(25);
  });

  it('honours OMLC_JAVA_HOME_3X and rejects an override of the wrong major', async () => {
    const j17 = join(jvmDir, 'java-17-openjdk-amd64');
    const line = lineFor('3.6.0');
    await expect(
      selectJdk('3.6.0', line, { config: config({ OMLC_JAVA_HOME_3X: j17 }), jvmDir, probe }),
    ).rejects.toThrow(/OMLC_JAVA_HOME_3X=.* is Java 17, but OpenSearch 3.6.0 needs Java 21\+/);
    const j25 = join(jvmDir, 'temurin-25-jdk-amd64');
    const chosen = await selectJdk('3.6.0', line, { config: config({ OMLC_JAVA_HOME_3X: j25 }), jvmDir, probe });
    expect(chosen.source).toBe('OMLC_JAVA_HOME_3X');
  });

  it('fails with java-missing, listing what it saw and how to fix it', async () => {
    outputs.delete(join(jvmDir, 'java-17-openjdk-amd64'));
    const error: unknown = await selectJdk('2.19.6', lineFor('2.19.6'), { config: config(), jvmDir, probe }).catch(
      (e: unknown) => e,
    );
    expect(isNativeTargetError(error, 'java-missing')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('OpenSearch 2.19.6 needs Java 11–23, none found');
    expect(message).toContain('temurin-25-jdk-amd64 (25');
    expect(message).toContain('apt-get install -y openjdk-17-jre-headless');
    expect(message).toContain('OMLC_JAVA_HOME_2X');
  });

  it('says so when there is no Java at all', async () => {
    outputs.clear();
    await expect(selectJdk('3.6.0', lineFor('3.6.0'), { config: config(), jvmDir, probe })).rejects.toThrow(
      /needs Java 21\+, none found\. JDKs seen: none\..*JDK 21\+/,
    );
  });
});
