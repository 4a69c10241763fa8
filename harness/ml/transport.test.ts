import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlAuthError, MlConfigError, MlConnectionError, MlHttpError, ResponseSchemaError } from './errors.ts';
import { startFakeCluster, type FakeCluster } from './testing/fake-cluster.ts';
import { useFakeClusterClients } from './testing/fake-cluster-clients.ts';
import * as real from './testing/verified-responses.ts';

const PASSWORD = 'Sup3r-S3cret!pw';
const BASIC = Buffer.from(`admin:${PASSWORD}`).toString('base64');

const fake = useFakeClusterClients();
const { clientFor } = fake;

/** Everything a report or a log could print about an error. */
function everythingAbout(error: unknown): string {
  return [inspect(error, { depth: 12, showHidden: true }), JSON.stringify(error), String(error)].join('\n');
}

describe('createMlClient: auth', () => {
  it('sends basic auth and reads version and distribution from GET /', async () => {
    fake.cluster.on('GET', '/', { body: real.rootInfo });
    const client = clientFor({ auth: { type: 'basic', username: 'admin', password: PASSWORD } });

    await expect(client.info()).resolves.toEqual({
      versionNumber: '3.6.0',
      distribution: 'opensearch',
      clusterName: 'omlc',
    });
    expect(fake.cluster.requests[0]?.headers.authorization).toBe(`Basic ${BASIC}`);
  });

  it('moves user info out of the base URL into basic auth and never prints it', async () => {
    fake.cluster.on('GET', '/', { status: 401, body: { error: 'Unauthorized' } });
    const client = clientFor({ baseUrl: fake.cluster.url.replace('//', `//admin:${encodeURIComponent(PASSWORD)}@`) });

    const error = await client.info().catch((e: unknown) => e);
    expect(fake.cluster.requests[0]?.headers.authorization).toBe(`Basic ${BASIC}`);
    expect(client.baseUrl).toBe(fake.cluster.url);
    expect(error).toBeInstanceOf(MlAuthError);
    expect(everythingAbout(error)).not.toContain(PASSWORD);
    expect(everythingAbout(error)).not.toContain(BASIC);
  });

  it.each([401, 403])('turns %i into MlAuthError with a hint, without credentials in it', async (status) => {
    fake.cluster.on('GET', '/', { status, body: { error: { type: 'security_exception', reason: 'no permissions' } } });
    const lines: string[] = [];
    const client = clientFor(
      { auth: { type: 'basic', username: 'admin', password: PASSWORD } },
      { log: (l) => lines.push(l) },
    );

    const error = await client.info().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlAuthError);
    expect(error).toBeInstanceOf(MlHttpError);
    expect((error as MlAuthError).status).toBe(status);
    expect((error as Error).message).toMatch(status === 401 ? /check the username\/password/ : /lacks a privilege/);
    expect(everythingAbout(error) + lines.join('\n')).not.toMatch(
      new RegExp(`${PASSWORD}|${BASIC}|authorization`, 'i'),
    );
  });

  it('signs requests with SigV4 using injected credentials', async () => {
    fake.cluster.on('GET', '/', { body: real.rootInfo });
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const client = clientFor(
      { auth: { type: 'sigv4', region: 'eu-west-1', service: 'es' } },
      { sigv4Credentials: () => Promise.resolve({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: secret }) },
    );

    await client.info();
    const headers = fake.cluster.requests[0]?.headers ?? {};
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/es\/aws4_request/,
    );
    expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports missing SigV4 credentials as a configuration error', async () => {
    const client = clientFor(
      { auth: { type: 'sigv4', region: 'eu-west-1', service: 'aoss' } },
      { sigv4Credentials: () => Promise.reject(new Error('no profile')) },
    );
    await expect(client.info()).rejects.toThrow(MlConfigError);
    await expect(client.info()).rejects.toThrow(/SigV4: cannot get AWS credentials: no profile/);
  });
});

describe('createMlClient: HTTP errors', () => {
  it('carries status, method, path, reason and type of an ML Commons error', async () => {
    const body = {
      error: {
        root_cause: [{ type: 'illegal_argument_exception', reason: "URL can't match trusted url regex" }],
        type: 'illegal_argument_exception',
        reason: "URL can't match trusted url regex",
      },
      status: 400,
    };
    fake.cluster.on('POST', '/_plugins/_ml/models/_register', { status: 400, body });
    const error = await clientFor()
      .registerModel({ name: 'm', url: 'ftp://nope' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MlHttpError);
    expect(error).toMatchObject({
      status: 400,
      method: 'POST',
      path: '/_plugins/_ml/models/_register',
      reason: "URL can't match trusted url regex",
      type: 'illegal_argument_exception',
      body,
    });
    expect((error as Error).message).toBe(
      "POST /_plugins/_ml/models/_register → 400: URL can't match trusted url regex",
    );
  });

  it('uses a plain-text body as the reason', async () => {
    fake.cluster.on('GET', '/_plugins/_ml/stats', {
      status: 502,
      raw: 'Bad Gateway from proxy',
      contentType: 'text/plain',
    });
    const error = await clientFor()
      .getMlStats()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, reason: 'Bad Gateway from proxy' });
  });

  it('does not retry a failed POST by default', async () => {
    fake.cluster.on('POST', '/_plugins/_ml/models/_register', { status: 503, body: { error: 'busy' } });
    await expect(clientFor().registerModel({ name: 'm' })).rejects.toMatchObject({ status: 503, reason: 'busy' });
    expect(fake.cluster.requests).toHaveLength(1);
  });

  it('reports a JSON content type with an unparsable body as a schema error', async () => {
    fake.cluster.on('GET', '/_plugins/_ml/tasks/t1', { raw: '{"state": NaN', contentType: 'application/json' });
    const error = await clientFor()
      .getTask('t1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseSchemaError);
    expect((error as Error).message).toMatch(/invalid JSON/);
  });
});

describe('createMlClient: connection failures', () => {
  it('names the URL and hints at the cause when nothing listens', async () => {
    const url = fake.cluster.url;
    await fake.restart();
    const client = clientFor({ baseUrl: url, auth: { type: 'basic', username: 'admin', password: PASSWORD } });

    const error = await client.info().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlConnectionError);
    expect(error).toMatchObject({ kind: 'refused', url: `${url}/` });
    expect((error as Error).message).toMatch(/ECONNREFUSED.*is the cluster running/);
    expect(everythingAbout(error)).not.toContain(PASSWORD);
    expect(everythingAbout(error)).not.toContain(BASIC);
  });

  it('times out a hanging request', async () => {
    fake.cluster.on('GET', '/_plugins/_ml/tasks/slow', 'hang');
    const error = await clientFor({}, { requestTimeoutMs: 150 })
      .getTask('slow')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlConnectionError);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect((error as Error).message).toMatch(/no answer within 150 ms/);
  });

  it('honours a per-request timeout', async () => {
    fake.cluster.on('GET', '/_plugins/_ml/tasks/slow', 'hang');
    await expect(clientFor().getTask('slow', { timeoutMs: 100 })).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('aborts with the signal reason', async () => {
    fake.cluster.on('GET', '/_plugins/_ml/tasks/slow', 'hang');
    const controller = new AbortController();
    const pending = clientFor().getTask('slow', { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(clientFor().getTask('t', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(fake.cluster.requests).toHaveLength(0);
  });

  it('reports a dropped connection as a reset', async () => {
    fake.cluster.on('GET', '/', 'destroy');
    await expect(clientFor().info()).rejects.toMatchObject({ kind: 'reset' });
  });

  it('names the CA file setting when the CA file cannot be read', () => {
    expect(() => clientFor({ caFile: '/nonexistent/ca.pem' })).toThrow(MlConfigError);
    expect(() => clientFor({ caFile: '/nonexistent/ca.pem' })).toThrow(/OPENSEARCH_CA_FILE/);
  });
});

describe.skipIf(!hasOpenssl())('createMlClient: TLS', () => {
  let dir: string;
  let tlsCluster: FakeCluster;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'omlc-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' }); // prettier-ignore
    tlsCluster = await startFakeCluster({
      tls: { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') },
    });
    tlsCluster.on('GET', '/', { body: real.rootInfo });
  });

  afterEach(async () => {
    await tlsCluster.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails an untrusted certificate with a hint at OPENSEARCH_CA_FILE', async () => {
    const error = await clientFor({ baseUrl: tlsCluster.url })
      .info()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlConnectionError);
    expect(error).toMatchObject({ kind: 'tls' });
    expect((error as Error).message).toMatch(/OPENSEARCH_CA_FILE/);
  });

  it('trusts the cluster with the CA file', async () => {
    const client = clientFor({ baseUrl: tlsCluster.url, caFile: join(dir, 'cert.pem') });
    await expect(client.info()).resolves.toMatchObject({ versionNumber: '3.6.0' });
  });

  it('skips verification only with insecureTls', async () => {
    const client = clientFor({ baseUrl: tlsCluster.url, insecureTls: true });
    await expect(client.info()).resolves.toMatchObject({ distribution: 'opensearch' });
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
