/**
 * Readiness against real local servers: every misconfiguration must fail at once (well under the deadline) with a
 * message naming the URL and the fix; only "nothing there yet" and 503 are waited out.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMlClient } from '../../ml/client.ts';
import type { ClusterInfo } from '../../ml/cluster-api.ts';
import { generateTestPki, type TlsPki } from '../native/tls-certs.ts';
import { connectExternal } from './connect.ts';
import { parseRunConfig } from '../../config/run-config.ts';
import { externalConfig } from './external-env.ts';
import {
  json,
  OPENSEARCH_ROOT,
  selfSignedCert,
  startHttpServer,
  startHttpsServer,
  type Handler,
  type LocalServer,
} from './testing/local-servers.ts';

const dir = mkdtempSync(join(tmpdir(), 'omlc-readiness-'));
let pki: TlsPki;
let otherPki: TlsPki;
let wrongHostPki: TlsPki;
let selfSigned: { cert: string; key: string };
const servers: LocalServer[] = [];

beforeAll(async () => {
  [pki, otherPki, wrongHostPki, selfSigned] = await Promise.all([
    generateTestPki(join(dir, 'pki')),
    generateTestPki(join(dir, 'other'), { caName: 'omlc-other-ca' }),
    generateTestPki(join(dir, 'wrong-host'), { nodeSans: ['DNS:search.invalid'] }),
    selfSignedCert(dir),
  ]);
}, 30_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function track(server: Promise<LocalServer>): Promise<LocalServer> {
  const started = await server;
  servers.push(started);
  return started;
}

/** Runs readiness as the target does; returns the info or the error message, and how long it took. */
async function ready(env: Record<string, string>): Promise<{ info?: ClusterInfo; error?: string; ms: number }> {
  const config = externalConfig(parseRunConfig({ OPENSEARCH_READY_TIMEOUT_MS: '20000', ...env }));
  const client = createMlClient(config.connection, { requestTimeoutMs: 5_000 });
  const t0 = performance.now();
  try {
    return { info: await connectExternal(config, client), ms: performance.now() - t0 };
  } catch (error) {
    return { error: (error as Error).message, ms: performance.now() - t0 };
  } finally {
    await client.close();
  }
}

const root = json(200, OPENSEARCH_ROOT);

describe('external readiness', () => {
  it('a trusted HTTPS cluster with the right password is ready, and the version comes from GET /', async () => {
    const server = await track(
      startHttpsServer(pki.nodeCert, pki.nodeKey, (req, res) => {
        const expected = `Basic ${Buffer.from('admin:right').toString('base64')}`;
        (req.headers.authorization === expected ? root : json(401, 'Unauthorized'))(req, res);
      }),
    );
    const result = await ready({
      OPENSEARCH_URL: server.url,
      OPENSEARCH_USERNAME: 'admin',
      OPENSEARCH_PASSWORD: 'right',
      OPENSEARCH_CA_FILE: pki.caCert,
    });
    expect(result.info).toEqual({ versionNumber: '2.19.1', distribution: 'opensearch', clusterName: 'test' });
  });

  it('401 fails at once with the user, the URL and the variables to check', async () => {
    const server = await track(startHttpServer(json(401, 'Unauthorized')));
    const result = await ready({ OPENSEARCH_URL: server.url, OPENSEARCH_USERNAME: 'alice', OPENSEARCH_PASSWORD: 'x' });
    expect(result.error).toMatch(
      `wrong credentials for alice at ${server.url} (HTTP 401): check OPENSEARCH_USERNAME/OPENSEARCH_PASSWORD`,
    );
    expect(result.ms).toBeLessThan(2_000);
  });

  it('403 says the user lacks permissions, 401 without credentials says to set them', async () => {
    const forbidden = await track(
      startHttpServer(json(403, { error: { reason: 'no permissions for [cluster:monitor/main]' } })),
    );
    expect(
      (await ready({ OPENSEARCH_URL: forbidden.url, OPENSEARCH_USERNAME: 'bob', OPENSEARCH_PASSWORD: 'x' })).error,
    ).toMatch(
      /^bob is authenticated at .* but may not call GET \/ \(HTTP 403\).*no permissions for \[cluster:monitor\/main\]/,
    );
    const anonymous = await track(startHttpServer(json(401, 'Unauthorized')));
    expect((await ready({ OPENSEARCH_URL: anonymous.url })).error).toMatch(
      `${anonymous.url} requires authentication (HTTP 401): set OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD`,
    );
  });

  it('SigV4: requests are signed by the client, and a rejection names the AWS settings to check', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    const seen: string[] = [];
    const server = await track(
      startHttpServer((req, res) => {
        seen.push(req.headers.authorization ?? '(none)');
        json(403, { message: 'The security token included in the request is invalid.' })(req, res);
      }),
    );
    try {
      const result = await ready({ OPENSEARCH_URL: server.url, OPENSEARCH_AWS_REGION: 'eu-west-1' });
      expect(result.error).toMatch(
        `AWS rejected the SigV4-signed request to ${server.url} (HTTP 403): check the AWS credentials ` +
          '(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN), OPENSEARCH_AWS_REGION=eu-west-1 and ' +
          'OPENSEARCH_AWS_SERVICE=es',
      );
      // The first request is the unauthenticated transport probe; the second is the client's, signed.
      expect(seen[0]).toBe('(none)');
      expect(seen[1]).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/es\/aws4_request/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a self-signed certificate fails at once, pointing at OPENSEARCH_CA_FILE', async () => {
    const server = await track(startHttpsServer(selfSigned.cert, selfSigned.key, root));
    const result = await ready({ OPENSEARCH_URL: server.url });
    expect(result.error).toMatch(
      `certificate of ${server.url} is not trusted: set OPENSEARCH_CA_FILE to the CA that signed it (or OPENSEARCH_INSECURE=true)`,
    );
    expect(result.error).toMatch('"CN=omlc-self-signed" issued by "CN=omlc-self-signed" (DEPTH_ZERO_SELF_SIGNED_CERT)');
    expect(result.ms).toBeLessThan(2_000);
  });

  it('a CA file that did not sign the certificate is named, with what the file holds', async () => {
    const server = await track(startHttpsServer(pki.nodeCert, pki.nodeKey, root));
    const result = await ready({ OPENSEARCH_URL: server.url, OPENSEARCH_CA_FILE: otherPki.caCert });
    expect(result.error).toMatch(
      `certificate of ${server.url} is not trusted: OPENSEARCH_CA_FILE=${otherPki.caCert} is not the CA that signed it`,
    );
    expect(result.error).toMatch('the file holds "CN=omlc-other-ca, OU=omlc, O=omlc"');
  });

  it('OPENSEARCH_INSECURE=true connects to the self-signed server', async () => {
    const server = await track(startHttpsServer(selfSigned.cert, selfSigned.key, root));
    expect((await ready({ OPENSEARCH_URL: server.url, OPENSEARCH_INSECURE: 'true' })).info?.versionNumber).toBe(
      '2.19.1',
    );
  });

  it('a host name the certificate does not cover fails at once with the names it does cover', async () => {
    const server = await track(startHttpsServer(wrongHostPki.nodeCert, wrongHostPki.nodeKey, root));
    const result = await ready({ OPENSEARCH_URL: server.url, OPENSEARCH_CA_FILE: wrongHostPki.caCert });
    expect(result.error).toMatch(
      `certificate of ${server.url} does not match the host name 127.0.0.1: it is valid for DNS:search.invalid`,
    );
  });

  it('http:// to a TLS port says to use https://', async () => {
    const server = await track(startHttpsServer(pki.nodeCert, pki.nodeKey, root));
    const plain = server.url.replace('https:', 'http:');
    const result = await ready({ OPENSEARCH_URL: plain });
    expect(result.error).toBe(
      `${plain} looks like a TLS port (it completes a TLS handshake but drops plain HTTP): use ${server.url}`,
    );
    expect(result.ms).toBeLessThan(2_000);
  });

  it('https:// to a plain-HTTP port says to use http://', async () => {
    const server = await track(startHttpServer(root));
    const tls = server.url.replace('http:', 'https:');
    const result = await ready({ OPENSEARCH_URL: tls });
    expect(result.error).toBe(
      `${tls} answers plain HTTP, not TLS (the TLS handshake failed: wrong version number): use ${server.url}`,
    );
    expect(result.ms).toBeLessThan(2_000);
  });

  it('connection refused fails at once by default, naming the URL and how to wait for a starting cluster', async () => {
    const server = await track(startHttpServer(root));
    await server.close();
    const config = externalConfig(parseRunConfig({ OPENSEARCH_URL: server.url }));
    const client = createMlClient(config.connection);
    const t0 = performance.now();
    const error = await connectExternal(config, client).then(
      () => undefined,
      (e: unknown) => (e as Error).message,
    );
    await client.close();
    expect(error).toBe(
      `nothing is listening at ${server.url} (connection refused): is the cluster running and OPENSEARCH_URL right? ` +
        '(for a cluster that is still starting, set OPENSEARCH_READY_TIMEOUT_MS to wait for it)',
    );
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it('connection refused is retried until OPENSEARCH_READY_TIMEOUT_MS when set, then names the URL', async () => {
    const server = await track(startHttpServer(root));
    await server.close();
    const result = await ready({ OPENSEARCH_URL: server.url, OPENSEARCH_READY_TIMEOUT_MS: '1500' });
    expect(result.error).toMatch(`nothing is listening at ${server.url}: connection refused for 2 s (ECONNREFUSED)`);
    expect(result.ms).toBeGreaterThanOrEqual(1_400);
  });

  it('503 (security not initialised yet, node starting) is waited out', async () => {
    let calls = 0;
    const handler: Handler = (req, res) => {
      calls += 1;
      (calls <= 2 ? json(503, 'OpenSearch Security not initialized.') : root)(req, res);
    };
    const server = await track(startHttpServer(handler));
    const result = await ready({ OPENSEARCH_URL: server.url });
    expect(result.info?.versionNumber).toBe('2.19.1');
  });

  it('something that is not OpenSearch fails at once', async () => {
    const server = await track(startHttpServer(json(200, { hello: 'world' })));
    expect((await ready({ OPENSEARCH_URL: server.url })).error).toMatch(
      `${server.url} does not look like OpenSearch: GET / has no version.number`,
    );
  });
});
