import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunConfig, RunConfigError } from '../../config/run-config.ts';
import { externalConfig, ExternalConfigError, type ExternalConfig } from './external-env.ts';

const dir = mkdtempSync(join(tmpdir(), 'omlc-env-'));
const pem = join(dir, 'ca.pem');
writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const notPem = join(dir, 'notes.txt');
writeFileSync(notPem, 'hello');

/** Variables are checked in two steps: each one's syntax (run config), then what they mean together (target). */
function parseExternalEnv(env: Record<string, string>): ExternalConfig {
  return externalConfig(parseRunConfig(env));
}

function problems(env: Record<string, string>): string[] {
  try {
    parseExternalEnv(env);
  } catch (error) {
    if (error instanceof ExternalConfigError || error instanceof RunConfigError) {
      return error.problems.map((p) => `${p.variable}: ${p.problem}`);
    }
    throw error;
  }
  return [];
}

describe('externalConfig', () => {
  it('reads basic auth, CA file, flags and the timeout', () => {
    const config = parseExternalEnv({
      OPENSEARCH_URL: 'https://search.example:9200/',
      OPENSEARCH_USERNAME: 'admin',
      OPENSEARCH_PASSWORD: 's3cret',
      OPENSEARCH_CA_FILE: pem,
      OPENSEARCH_ALLOW_SETTINGS_CHANGES: 'TRUE',
      OPENSEARCH_READY_TIMEOUT_MS: '5000',
    });
    expect(config).toEqual({
      url: 'https://search.example:9200',
      connection: {
        baseUrl: 'https://search.example:9200',
        auth: { type: 'basic', username: 'admin', password: 's3cret' },
        caFile: pem,
      },
      identity: 'user admin',
      allowSettingsChanges: true,
      readyTimeoutMs: 5000,
      retryRefused: true,
    });
  });

  it('moves user info out of the URL into basic auth', () => {
    const config = parseExternalEnv({ OPENSEARCH_URL: 'https://ad%40min:p%3Ass@search.example:9200' });
    expect(config.url).toBe('https://search.example:9200');
    expect(config.connection.auth).toEqual({ type: 'basic', username: 'ad@min', password: 'p:ss' });
  });

  it('defaults: no auth, 10 s with refused connections failing at once, no settings changes; empty is unset', () => {
    const config = parseExternalEnv({ OPENSEARCH_URL: 'http://localhost:9200', OPENSEARCH_INSECURE: '' });
    expect(config).toMatchObject({
      identity: 'no credentials',
      readyTimeoutMs: 10_000,
      retryRefused: false,
      allowSettingsChanges: false,
    });
    expect(config.connection).toEqual({ baseUrl: 'http://localhost:9200' });
  });

  it('SigV4 from region (+ service, default es)', () => {
    expect(
      parseExternalEnv({ OPENSEARCH_URL: 'https://x.es.amazonaws.com', OPENSEARCH_AWS_REGION: 'eu-west-1' }),
    ).toMatchObject({ identity: 'SigV4 (es, eu-west-1)', connection: { auth: { type: 'sigv4', service: 'es' } } });
    expect(
      parseExternalEnv({
        OPENSEARCH_URL: 'https://x.aoss.amazonaws.com',
        OPENSEARCH_AWS_REGION: 'us-east-1',
        OPENSEARCH_AWS_SERVICE: 'aoss',
      }).connection.auth,
    ).toEqual({ type: 'sigv4', region: 'us-east-1', service: 'aoss' });
  });

  it('OPENSEARCH_INSECURE=true sets insecureTls', () => {
    expect(
      parseExternalEnv({ OPENSEARCH_URL: 'https://h:1', OPENSEARCH_INSECURE: 'true' }).connection.insecureTls,
    ).toBe(true);
  });

  it.for([
    [{}, 'OPENSEARCH_URL: is required (e.g. https://opensearch.example:9200)'],
    [{ OPENSEARCH_URL: 'search:9200' }, 'OPENSEARCH_URL: must start with http:// or https:// (got search:)'],
    [
      { OPENSEARCH_URL: 'not a url' },
      'OPENSEARCH_URL: "not a url" is not a URL (e.g. https://opensearch.example:9200)',
    ],
    [
      { OPENSEARCH_URL: 'https://h:1/?pretty' },
      'OPENSEARCH_URL: must not have a query or fragment (https://h:1/?pretty)',
    ],
    [
      { OPENSEARCH_URL: 'https://h:1', OPENSEARCH_USERNAME: 'u' },
      'OPENSEARCH_PASSWORD: basic auth needs both OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD',
    ],
    [
      { OPENSEARCH_URL: 'https://h:1', OPENSEARCH_INSECURE: 'maybe' },
      'OPENSEARCH_INSECURE: "maybe" is not a boolean; use true or false (also accepted, in any case: 1, yes, on, 0, no, off)',
    ],
    [
      { OPENSEARCH_URL: 'https://h:1', OPENSEARCH_CA_FILE: join(dir, 'missing.pem') },
      `OPENSEARCH_CA_FILE: cannot read ${join(dir, 'missing.pem')}: ENOENT`,
    ],
    [
      { OPENSEARCH_URL: 'https://h:1', OPENSEARCH_CA_FILE: notPem },
      `OPENSEARCH_CA_FILE: ${notPem} is not a PEM certificate file (no BEGIN CERTIFICATE line)`,
    ],
    [
      { OPENSEARCH_URL: 'https://h:1', OPENSEARCH_AWS_REGION: 'Ireland' },
      'OPENSEARCH_AWS_REGION: must be an AWS region such as eu-west-1',
    ],
    [
      { OPENSEARCH_URL: 'https://h:1', OPENSEARCH_AWS_SERVICE: 'aoss' },
      'OPENSEARCH_AWS_REGION: is required with OPENSEARCH_AWS_SERVICE (SigV4)',
    ],
    [
      { OPENSEARCH_URL: 'https://h:1', OPENSEARCH_AWS_REGION: 'eu-west-1', OPENSEARCH_AWS_SERVICE: 'lambda' },
      'OPENSEARCH_AWS_SERVICE: must be es (managed domain) or aoss (serverless)',
    ],
    [
      { OPENSEARCH_URL: 'https://h:1', OPENSEARCH_READY_TIMEOUT_MS: 'soon' },
      'OPENSEARCH_READY_TIMEOUT_MS: must be a number of milliseconds',
    ],
    [
      { OPENSEARCH_URL: 'https://h:1', OPENSEARCH_READY_TIMEOUT_MS: '10' },
      'OPENSEARCH_READY_TIMEOUT_MS: must be at least 1000 (1 s)',
    ],
    [
      { OPENSEARCH_URL: 'https://h:1', OPENSEARCH_INSECURE: 'true', OPENSEARCH_CA_FILE: pem },
      'OPENSEARCH_INSECURE: true skips certificate verification, so OPENSEARCH_CA_FILE would be ignored: set only one of them',
    ],
    [
      { OPENSEARCH_URL: 'http://h:1', OPENSEARCH_CA_FILE: pem },
      'OPENSEARCH_CA_FILE: only applies to https:// URLs, but OPENSEARCH_URL is http://',
    ],
  ] as const)('%j → %s', ([env, expected]) => {
    expect(problems(env)).toEqual([expected]);
  });

  it('reports every problem at once, and never a password', () => {
    const env = {
      OPENSEARCH_URL: 'https://u:hunter2@h:1',
      OPENSEARCH_USERNAME: 'u',
      OPENSEARCH_PASSWORD: 'hunter2',
      OPENSEARCH_AWS_REGION: 'eu-west-1',
    };
    const found = problems(env);
    expect(found).toEqual([
      'OPENSEARCH_URL: has user info and OPENSEARCH_USERNAME is set too: give the credentials in one place',
      'OPENSEARCH_AWS_REGION: SigV4 and basic auth are exclusive: unset OPENSEARCH_USERNAME/OPENSEARCH_PASSWORD (and URL user info)',
    ]);
    expect(() => parseExternalEnv({ OPENSEARCH_URL: 'ftp://u:hunter2@h' })).toThrow(/^(?!.*hunter2)/s);
  });
});
