/**
 * The fault proxy in front of an https cluster signed by its own CA (as a secured OpenSearch with OPENSEARCH_CA_FILE),
 * with basic auth, driven through the ML client: requests pass, faults are injected on TLS answers, and a cluster the
 * proxy cannot reach is answered with a 502 naming why, not a bare "socket hang up". Certificates are made at test
 * time with the openssl CLI (harness/targets/native/tls-certs.ts); nothing is committed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMlClient, type MlClient } from '../ml/client.ts';
import { MlHttpError, ResponseSchemaError } from '../ml/errors.ts';
import { startFakeCluster, type FakeCluster } from '../ml/testing/fake-cluster.ts';
import type { TargetConnection } from '../targets/target-info.ts';
import { findOnPath } from '../targets/native/exec.ts';
import { generateTestPki, type TlsPki } from '../targets/native/tls-certs.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';

const TASK = '/_plugins/_ml/tasks/t1';
const auth = { type: 'basic', username: 'admin', password: 's3cret!' } as const;
const noOpenssl = (await findOnPath('openssl')) === undefined;

let dir: string;
let pki: TlsPki;
let otherCa: TlsPki;
let cluster: FakeCluster;
const open: { proxy: FaultProxy; client: MlClient }[] = [];

beforeAll(async () => {
  if (noOpenssl) {
    return;
  }
  dir = mkdtempSync(join(tmpdir(), 'omlc-proxy-tls-'));
  [pki, otherCa] = await Promise.all([
    generateTestPki(join(dir, 'cluster'), { days: 1 }),
    generateTestPki(join(dir, 'other'), { days: 1, caName: 'omlc-other-ca' }),
  ]);
  cluster = await startFakeCluster({
    tls: { key: readFileSync(pki.nodeKey, 'utf8'), cert: readFileSync(pki.nodeCert, 'utf8') },
  });
  cluster.on('GET', TASK, { body: { state: 'COMPLETED', task_type: 'DEPLOY_MODEL', worker_node: ['n1'] } });
  cluster.on('POST', '/_plugins/_ml/models/m1/_deploy', { body: { task_id: 't1', status: 'CREATED' } });
}, 60_000);

afterEach(async () => {
  for (const { proxy, client } of open.splice(0)) {
    await client.close();
    await proxy.close();
  }
  cluster.requests.splice(0);
});

afterAll(async () => {
  await cluster?.close();
  if (dir !== undefined) {
    rmSync(dir, { recursive: true, force: true });
  }
});

async function through(upstream: Omit<TargetConnection, 'baseUrl'>): Promise<{ proxy: FaultProxy; client: MlClient }> {
  const proxy = await startFaultProxy({ baseUrl: cluster.url, ...upstream });
  const opened = { proxy, client: createMlClient(proxy.connection) };
  open.push(opened);
  return opened;
}

describe.skipIf(noOpenssl)('fault proxy in front of an https cluster with its own CA', () => {
  it('passes a request through, basic auth included, over TLS verified with the CA file', async () => {
    const { proxy, client } = await through({ auth, caFile: pki.caCert });
    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect((await client.getTask('t1')).state).toBe('COMPLETED');
    expect(cluster.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('admin:s3cret!').toString('base64')}`);
    expect(proxy.requests).toEqual([{ method: 'GET', path: TASK, endpoint: 'task', outcome: 200 }]);
  });

  it('injects faults on TLS answers: a burst, a cut-off body and a FAILED deploy are all seen', async () => {
    const { proxy, client } = await through({ auth, caFile: pki.caCert });
    proxy.faults
      .burst({ endpoint: 'task', status: 503, times: 1 })
      .truncate({ endpoint: 'task', times: 1 })
      .deployOutcome({ outcome: 'FAILED', error: 'injected over TLS', times: 1 });
    await expect(client.getTask('t1')).rejects.toMatchObject({ status: 503 });
    await expect(client.getTask('t1')).rejects.toBeInstanceOf(ResponseSchemaError);
    const { task_id: taskId } = await client.deployModel('m1');
    expect(await client.getTask(taskId)).toMatchObject({ state: 'FAILED', error: '{"n1":"injected over TLS"}' });
    expect(proxy.requests.map((r) => r.outcome)).toEqual([503, 200, 200, 200]);
    // The burst never reached the cluster; the truncated answer, the deploy and the rewritten task did.
    expect(cluster.requests).toHaveLength(3);
  });

  it('answers 502 naming the certificate error when the CA is not the one that signed the cluster', async () => {
    const { proxy, client } = await through({ auth, caFile: otherCa.caCert });
    const error = await client.getTask('t1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlHttpError);
    expect(error).toMatchObject({ status: 502 });
    expect((error as MlHttpError).reason).toMatch(`fault proxy: ${cluster.url} failed:`);
    expect((error as MlHttpError).reason).toMatch(/certificate/i);
    expect(proxy.requests.map((r) => r.outcome)).toEqual([502]);
    expect(cluster.requests).toEqual([]);
  });

  it('skips verification only with insecureTls', async () => {
    const { client } = await through({ auth, insecureTls: true });
    expect((await client.getTask('t1')).state).toBe('COMPLETED');
  });
});
