import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defaultCacheDir } from './env-var.ts';
import { ENV_VARS, type EnvVarName } from './env-vars.ts';
import { parseRunConfig, RunConfigError, type RunConfig } from './run-config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    parseRunConfig(env);
  } catch (error) {
    if (error instanceof RunConfigError) {
      return error.problems.map((p) => `${p.variable}: ${p.problem}`);
    }
    throw error;
  }
  return [];
}

const FLAGS = (Object.keys(ENV_VARS) as EnvVarName[]).filter((name) => ENV_VARS[name].type === 'boolean');

describe('parseRunConfig', () => {
  it('gives the declared defaults for an empty environment', () => {
    const config = parseRunConfig({});
    expect(config).toMatchObject({
      ML_TARGET: ['auto'],
      OPENSEARCH_VERSIONS: undefined,
      OPENSEARCH_URL: undefined,
      OPENSEARCH_INSECURE: false,
      OPENSEARCH_READY_TIMEOUT_MS: undefined,
      OMLC_ARTIFACT_HOST: '127.0.0.1',
      OMLC_ARTIFACT_PORT: 0,
      OMLC_REPORTS_DIR: 'reports',
      OMLC_CACHE_DIR: defaultCacheDir(),
      OMLC_CONTAINER_STARTUP_TIMEOUT: 180,
      TESTCONTAINERS_REUSE_ENABLE: true,
      PATH: '',
      ML_CARDS: undefined,
    });
    expect(Object.keys(config).sort()).toEqual(Object.keys(ENV_VARS).sort());
  });

  it('treats empty and blank values as unset', () => {
    expect(parseRunConfig({ ML_TARGET: '', OMLC_CONTAINER_REUSE: '  ', OPENSEARCH_URL: ' ' })).toMatchObject({
      ML_TARGET: ['auto'],
      OMLC_CONTAINER_REUSE: false,
      OPENSEARCH_URL: undefined,
    });
  });

  it('types each variable by its declaration', () => {
    const config = parseRunConfig({});
    expectTypeOf(config.ML_TARGET).toEqualTypeOf<readonly ('auto' | 'native' | 'container' | 'external' | 'none')[]>();
    expectTypeOf(config.OMLC_CONTAINER_REUSE).toEqualTypeOf<boolean>();
    expectTypeOf(config.OPENSEARCH_READY_TIMEOUT_MS).toEqualTypeOf<number | undefined>();
    expectTypeOf(config.ML_CARDS).toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf(config.OMLC_CACHE_DIR).toEqualTypeOf<string>();
    expectTypeOf(config.OPENSEARCH_PASSWORD).toEqualTypeOf<string | undefined>();
    expectTypeOf<keyof RunConfig>().toEqualTypeOf<EnvVarName>();
  });

  describe.for(FLAGS)('boolean %s', (name) => {
    it.for([
      ['true', true],
      ['TRUE', true],
      [' Yes ', true],
      ['1', true],
      ['on', true],
      ['ON', true],
      ['false', false],
      ['0', false],
      ['No', false],
      ['off', false],
    ] as const)('reads %j as %s', ([value, expected]) => {
      expect(parseRunConfig({ [name]: value })[name]).toBe(expected);
    });

    it('refuses anything else, naming the variable, the value and the accepted values', () => {
      expect(problems({ [name]: 'enabled' })).toEqual([
        `${name}: "enabled" is not a boolean; use true or false (also accepted, in any case: 1, yes, on, 0, no, off)`,
      ]);
    });
  });

  it('reports every bad variable at once, in declaration order, in one error', () => {
    let error: unknown;
    try {
      parseRunConfig({ OMLC_CONTAINER_REUSE: 'maybe', ML_TARGET: 'docker', OMLC_ARTIFACT_PORT: '70000' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RunConfigError);
    expect((error as RunConfigError).code).toBe('bad-env');
    expect((error as Error).message).toBe(
      'invalid environment (ML_TARGET, OMLC_ARTIFACT_PORT, OMLC_CONTAINER_REUSE):\n' +
        '  ML_TARGET: "docker" is not a target; use one of: auto, native, container, external, none\n' +
        '  OMLC_ARTIFACT_PORT: "70000" is not a port number (0–65535; 0 picks a free one)\n' +
        '  OMLC_CONTAINER_REUSE: "maybe" is not a boolean; use true or false (also accepted, in any case: 1, yes, on, 0, no, off)',
    );
  });

  it('reads enumerations case-insensitively', () => {
    expect(parseRunConfig({ ML_TARGET: ' Native ' }).ML_TARGET).toEqual(['native']);
    expect(parseRunConfig({ ML_TARGET: 'native, Container' }).ML_TARGET).toEqual(['native', 'container']);
    for (const combined of ['auto,native', 'native,external', 'container,container', 'none,native']) {
      expect(() => parseRunConfig({ ML_TARGET: combined })).toThrow(
        `ML_TARGET: ${JSON.stringify(combined)} combines targets that cannot run side by side; only native and ` +
          'container can be listed together (e.g. native,container), each once',
      );
    }
    expect(() => parseRunConfig({ ML_TARGET: 'native,docker' })).toThrow(
      'ML_TARGET: "native,docker" is not a target; use one of: auto, native, container, external, none',
    );
    expect(parseRunConfig({ OPENSEARCH_AWS_SERVICE: 'AOSS' }).OPENSEARCH_AWS_SERVICE).toBe('aoss');
    expect(problems({ OPENSEARCH_AWS_SERVICE: 'lambda' })).toEqual([
      'OPENSEARCH_AWS_SERVICE: must be es (managed domain) or aoss (serverless)',
    ]);
  });

  it('splits id lists on commas and argument lists on blanks', () => {
    expect(parseRunConfig({ ML_CARDS: ' tiny-onnx-sym , tiny-torchscript,' }).ML_CARDS).toEqual([
      'tiny-onnx-sym',
      'tiny-torchscript',
    ]);
    expect(parseRunConfig({ ML_NEGATIVE_CASES: ' , ' }).ML_NEGATIVE_CASES).toBeUndefined();
    expect(parseRunConfig({ OMLC_MVN_ARGS: ' -Dmaven.repo.local=/x  -s s.xml ' }).OMLC_MVN_ARGS).toEqual([
      '-Dmaven.repo.local=/x',
      '-s',
      's.xml',
    ]);
  });

  it('takes full versions only, comma- or blank-separated, without duplicates', () => {
    expect(parseRunConfig({ OPENSEARCH_VERSIONS: '2.19.6, 3.6.0 2.19.6' }).OPENSEARCH_VERSIONS).toEqual([
      '2.19.6',
      '3.6.0',
    ]);
    expect(problems({ OPENSEARCH_VERSIONS: '2.19,3.6.0,latest' })).toEqual([
      'OPENSEARCH_VERSIONS: has "2.19", "latest"; give full versions such as 2.19.6,3.6.0',
    ]);
  });

  it('checks numbers against their range, with the unit in the message', () => {
    expect(parseRunConfig({ OPENSEARCH_READY_TIMEOUT_MS: '5000' }).OPENSEARCH_READY_TIMEOUT_MS).toBe(5000);
    expect(problems({ OPENSEARCH_READY_TIMEOUT_MS: 'soon' })).toEqual([
      'OPENSEARCH_READY_TIMEOUT_MS: must be a number of milliseconds',
    ]);
    expect(problems({ OPENSEARCH_READY_TIMEOUT_MS: '1500.5' })).toEqual([
      'OPENSEARCH_READY_TIMEOUT_MS: must be a whole number of milliseconds',
    ]);
    expect(problems({ OPENSEARCH_READY_TIMEOUT_MS: '10' })).toEqual([
      'OPENSEARCH_READY_TIMEOUT_MS: must be at least 1000 (1 s)',
    ]);
    expect(problems({ OPENSEARCH_READY_TIMEOUT_MS: '3600001' })).toEqual([
      'OPENSEARCH_READY_TIMEOUT_MS: must be at most 3600000 (1 h)',
    ]);
    expect(parseRunConfig({ OMLC_CONTAINER_STARTUP_TIMEOUT: ' 600 ' }).OMLC_CONTAINER_STARTUP_TIMEOUT).toBe(600);
  });

  it('resolves paths against the working directory', () => {
    expect(parseRunConfig({ OMLC_CACHE_DIR: 'cache' }).OMLC_CACHE_DIR).toBe(path.resolve('cache'));
    expect(parseRunConfig({ OMLC_WORK_DIR: '/w/' }).OMLC_WORK_DIR).toBe('/w');
  });

  it('accepts only name-safe run ids', () => {
    expect(parseRunConfig({ OMLC_RUN_ID: 'r20261202t101010-ab12' }).OMLC_RUN_ID).toBe('r20261202t101010-ab12');
    expect(problems({ OMLC_RUN_ID: 'Run 1' })).toEqual([
      'OMLC_RUN_ID: invalid run id "Run 1": expected 1–40 characters of [a-z0-9-], e.g. r20261123t040512-3fa9',
    ]);
  });

  it('keeps secrets exactly as given and never echoes them', () => {
    expect(parseRunConfig({ OPENSEARCH_PASSWORD: ' s3cret ' }).OPENSEARCH_PASSWORD).toBe(' s3cret ');
    for (const name of Object.keys(ENV_VARS) as EnvVarName[]) {
      if (ENV_VARS[name].secret) {
        expect(ENV_VARS[name].type).toBe('secret');
      }
    }
  });

  it('documents every variable: a type, a one-line doc and a default', () => {
    for (const variable of Object.values(ENV_VARS)) {
      expect(variable.type).not.toBe('');
      expect(variable.doc).toMatch(/^[^\n]{8,}$/);
      expect(variable.shownDefault).not.toBe('');
    }
  });
});
