/**
 * What the transport tells its observers (log lines, `onAnswer`), how often it tries a request, and the SigV4
 * credentials it takes from the environment when none are injected.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MlConfigError, type FailedRequest } from './errors.ts';
import { useFakeClusterClients } from './testing/fake-cluster-clients.ts';
import * as real from './testing/verified-responses.ts';

const fake = useFakeClusterClients();
const { clientFor } = fake;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('observers', () => {
  /** A client whose log lines (their milliseconds collected apart) and answers are collected. */
  function observed() {
    const lines: string[] = [];
    const durations: number[] = [];
    const answers: FailedRequest[] = [];
    const client = clientFor(
      {},
      {
        log: (line) => {
          durations.push(Number(/\((\d+) ms\)$/.exec(line)?.[1]));
          lines.push(line.replace(/\(\d+ ms\)$/, '(N ms)'));
        },
        onAnswer: (answer) => answers.push(answer),
      },
    );
    return { client, lines, durations, answers };
  }

  it('see every answer with its status, an HTTP error with its status, and a lost connection without one', async () => {
    const { client, lines, durations, answers } = observed();
    const started = performance.now();
    fake.cluster.on('GET', '/', { body: real.rootInfo });
    await client.info();
    fake.cluster.on('GET', '/_plugins/_ml/tasks/t1', { status: 404, body: real.modelNotFound });
    await expect(client.getTask('t1')).rejects.toThrow(/404/);
    fake.cluster.on('GET', '/', 'destroy');
    await expect(client.info()).rejects.toMatchObject({ kind: 'reset' });
    // Each line gives the request's own duration: together no longer than the three requests took.
    const elapsed = performance.now() - started;
    expect(durations.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(Math.ceil(elapsed) + 3);
    expect(lines).toEqual([
      'GET / → 200 (N ms)',
      'GET /_plugins/_ml/tasks/t1 → 404 (N ms)',
      'GET / → MlConnectionError (N ms)',
    ]);
    expect(answers).toStrictEqual([
      { method: 'GET', path: '/', status: 200 },
      { method: 'GET', path: '/_plugins/_ml/tasks/t1', status: 404 },
      { method: 'GET', path: '/' },
    ]);
  });
});

describe('retries', () => {
  it('tries a request once by default, and as often as maxRetries asks', async () => {
    fake.cluster.on('GET', '/', 'destroy');
    await expect(clientFor().info()).rejects.toMatchObject({ kind: 'reset' });
    expect(fake.cluster.requests).toHaveLength(1);
    await expect(clientFor({}, { maxRetries: 2 }).info()).rejects.toMatchObject({ kind: 'reset' });
    expect(fake.cluster.requests).toHaveLength(4);
  });
});

describe('SigV4 credentials from the environment', () => {
  const sigv4 = { auth: { type: 'sigv4', region: 'eu-west-1', service: 'es' } } as const;

  it('signs with the key pair, and sends the session token when there is one', async () => {
    fake.cluster.on('GET', '/', { body: real.rootInfo });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDENV');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret-from-env');
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    await clientFor(sigv4).info();
    vi.stubEnv('AWS_SESSION_TOKEN', 'token-from-env');
    await clientFor(sigv4).info();
    const [first, second] = fake.cluster.requests.map((r) => r.headers);
    expect(first?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDENV\//);
    expect(first?.['x-amz-security-token']).toBeUndefined();
    expect(second?.['x-amz-security-token']).toBe('token-from-env');
  });

  it.for([
    ['AWS_ACCESS_KEY_ID', 'AKIDENV'],
    ['AWS_SECRET_ACCESS_KEY', 'secret-from-env'],
  ] as const)('refuses to sign with only %s set, naming both variables', async ([name, value]) => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    vi.stubEnv(name, value);
    const info = clientFor(sigv4).info();
    await expect(info).rejects.toThrow(MlConfigError);
    await expect(info).rejects.toThrow(
      'SigV4: cannot get AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN)',
    );
    expect(fake.cluster.requests).toHaveLength(0);
  });
});
