/**
 * The container target against a real Docker engine, for what the unit tests cannot see: the readiness wait and the
 * container's output when a start fails, reuse across runs, security on (TLS verified with the image's demo CA,
 * basic auth, the suites passing), and an interrupted run leaving no container behind. Local images on the host
 * network, as CI runs them (`.ci/run`); elsewhere it skips with that reason.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArtifactServer, type ArtifactServer } from '../../artifacts/artifact-server.ts';
import { inheritedEnv } from '../../config/inherited-env.ts';
import { parseRunConfig, runConfig } from '../../config/run-config.ts';
import { createMlClient } from '../../ml/client.ts';
import type { ConformanceReport } from '../../report/report-model.ts';
import { CONTAINER_LABELS } from './container-cleanup.ts';
import { isContainerTargetError } from './errors.ts';
import { findDockerCli, type DockerCli } from './image/docker-cli.ts';
import { ensureLocalImage } from './image/build-local-image.ts';
import { startContainerCluster, type ContainerCluster } from './start-container-cluster.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const config = runConfig();
const skipReason =
  config.ML_TARGET.includes('container') &&
  config.OMLC_CONTAINER_IMAGE === 'local' &&
  config.OMLC_CONTAINER_NETWORK === 'host'
    ? undefined
    : 'runs with ML_TARGET including container, OMLC_CONTAINER_IMAGE=local and OMLC_CONTAINER_NETWORK=host ' +
      '(as .ci/run does): it starts the local images on the host network';
const PLAIN = '2.19.6';
const SECURED = '2.19.1';

let docker: DockerCli;
let artifacts: ArtifactServer;
const scratch = mkdtempSync(path.join(tmpdir(), 'omlc-container-it-'));
const log = (line: string): void => console.log(`[container-it] ${line}`);

beforeAll(async () => {
  if (skipReason !== undefined) {
    return;
  }
  docker = await findDockerCli(config.PATH);
  for (const version of [PLAIN, SECURED]) {
    const image = await ensureLocalImage({ version, config, log });
    log(`${image.ref}: ${image.built ? 'built' : 'up to date'} in ${(image.elapsedMs / 1000).toFixed(1)} s`);
  }
  artifacts = await startArtifactServer();
}, 900_000);

afterAll(async () => {
  await artifacts?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A start with the run's container settings plus `overrides` (a local image is only checked: built in beforeAll). */
async function start(version: string, overrides: Record<string, string>): Promise<ContainerCluster> {
  return startContainerCluster({
    version,
    config: parseRunConfig(inheritedEnv(overrides)),
    artifactBaseUrl: artifacts.baseUrl,
    log,
  });
}

/** Every container (running or not) with these label values. */
async function containersLabelled(labels: Record<string, string>): Promise<string[]> {
  const filters = Object.entries(labels).flatMap(([key, value]) => ['--filter', `label=${key}=${value}`]);
  const { stdout } = await docker.run('docker ps', ['ps', '--all', '--quiet', ...filters]);
  return stdout.split('\n').filter((id) => id !== '');
}

describe('container target on a real Docker engine (local images, host network)', () => {
  it('a container that exits during startup fails the wait at once, with its output, and is removed', async (ctx) => {
    if (skipReason !== undefined) {
      ctx.skip(skipReason);
    }
    const t0 = performance.now();
    // The image of 2.19.6 has no security plugin; asked for security, its entrypoint refuses to start (exit 64).
    const error: unknown = await start(PLAIN, {
      OMLC_CONTAINER_IMAGE: `omlc/opensearch-ml:${PLAIN}`,
      OMLC_CONTAINER_SECURITY: 'true',
    }).catch((e: unknown) => e);
    const seconds = (performance.now() - t0) / 1000;
    log(`failed start reported in ${seconds.toFixed(1)} s`);
    expect(isContainerTargetError(error, 'start-failed')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('the container exited with code 64 during startup');
    expect(message).toContain("container's output:");
    expect(message).toContain('this image has no security plugin');
    expect(seconds).toBeLessThan(30);
    expect(await containersLabelled({ [CONTAINER_LABELS.ownerPid]: String(process.pid) })).toEqual([]);
  });

  it('reuse: the second start attaches to the kept container and is ready in seconds', async (ctx) => {
    if (skipReason !== undefined) {
      ctx.skip(skipReason);
    }
    const reuse = { OMLC_CONTAINER_REUSE: 'true' };
    let id: string | undefined;
    try {
      const t0 = performance.now();
      const first = await start(PLAIN, reuse);
      const firstSeconds = (performance.now() - t0) / 1000;
      id = first.containerId;
      await first.stop();
      const t1 = performance.now();
      const second = await start(PLAIN, reuse);
      const secondSeconds = (performance.now() - t1) / 1000;
      await second.stop();
      log(`reuse: first start ${firstSeconds.toFixed(1)} s, second ${secondSeconds.toFixed(1)} s (${id})`);
      expect(second.containerId).toBe(id);
      expect(second.baseUrl).toBe(first.baseUrl);
      expect(secondSeconds).toBeLessThan(10);
      expect(await containersLabelled({ [CONTAINER_LABELS.managed]: 'true' })).toContain(id);
    } finally {
      if (id !== undefined) {
        await docker.run('docker rm', ['rm', '--force', id]);
      }
    }
  });

  it(`security on (${SECURED}, security plugin): TLS verified with the demo CA, basic auth enforced`, async (ctx) => {
    if (skipReason !== undefined) {
      ctx.skip(skipReason);
    }
    const cluster = await start(SECURED, { OMLC_CONTAINER_SECURITY: 'true' });
    try {
      const { connection } = cluster;
      expect(connection.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(connection.insecureTls).toBeUndefined();
      expect(readFileSync(connection.caFile ?? '', 'utf8')).toContain('-----BEGIN CERTIFICATE-----');
      const verified = createMlClient(connection);
      expect((await verified.info()).versionNumber).toBe(SECURED);
      await verified.close();
      const wrongPassword = createMlClient({
        ...connection,
        auth: { type: 'basic', username: 'admin', password: 'x' },
      });
      await expect(wrongPassword.info()).rejects.toThrow(/401/);
      await wrongPassword.close();
      const systemTrust = createMlClient({ baseUrl: connection.baseUrl, auth: connection.auth });
      await expect(systemTrust.info()).rejects.toThrow(/certificate/i);
      await systemTrust.close();
    } finally {
      await cluster.stop();
    }
  });

  it(`security on: the suites pass on ${SECURED} over TLS with the demo CA`, async (ctx) => {
    if (skipReason !== undefined) {
      ctx.skip(skipReason);
    }
    const reports = path.join(scratch, 'secured-reports');
    const run = await runNested(
      {
        ML_TARGET: 'container',
        OPENSEARCH_VERSIONS: SECURED,
        OMLC_CONTAINER_SECURITY: 'true',
        OMLC_REPORTS_DIR: reports,
      },
      ['--project', 'live:*'],
    );
    expect(run.output).toContain("TLS verified with the image's demo CA");
    const report = JSON.parse(readFileSync(path.join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;
    const failed = report.cases.filter((c) => c.status === 'failed');
    log(`secured suites: ${report.cases.length} cases, ${failed.length} failed`);
    expect(failed.map((c) => `${c.caseId}: ${c.message ?? ''}`)).toEqual([]);
    expect(report.cases.filter((c) => c.status === 'passed').length).toBeGreaterThan(50);
    expect(run.code).toBe(0);
  });

  it('SIGINT in the middle of a run leaves no container behind', async (ctx) => {
    if (skipReason !== undefined) {
      ctx.skip(skipReason);
    }
    const reports = path.join(scratch, 'interrupted-reports');
    let pid = 0;
    const run = await runNested(
      { ML_TARGET: 'container', OPENSEARCH_VERSIONS: PLAIN, OMLC_REPORTS_DIR: reports },
      ['--project', 'live:*'],
      async (child, output) => {
        pid = child.pid ?? 0;
        // Interrupt once the suites are running on the container (its start has been logged as ready).
        await waitFor(() => /ready at http/.test(output()), 600_000, 'the nested run to start its container');
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        expect(await containersLabelled({ [CONTAINER_LABELS.ownerPid]: String(pid) })).toHaveLength(1);
        // Ctrl-C reaches the whole foreground process group: Vitest and its workers.
        process.kill(-pid, 'SIGINT');
      },
    );
    log(`interrupted run exited with ${String(run.code)}`);
    expect(run.output).toMatch(/SIGINT: removed container [0-9a-f]{12}/);
    expect(await containersLabelled({ [CONTAINER_LABELS.ownerPid]: String(pid) })).toEqual([]);
  });
});

async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A nested Vitest in its own process group (so a test can interrupt it like a terminal would). */
function runNested(
  env: Record<string, string>,
  args: readonly string[],
  during?: (child: ReturnType<typeof spawn>, output: () => string) => Promise<void>,
): Promise<{ code: number | null; output: string }> {
  const base = inheritedEnv();
  for (const key of Object.keys(base)) {
    if (key.startsWith('VITEST') || key.startsWith('OPENSEARCH_') || key === 'OMLC_RUN_ID') {
      delete base[key];
    }
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args], {
      cwd: root,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    const closed = new Promise<number | null>((done) => child.once('close', done));
    void (async () => {
      try {
        await during?.(child, () => output);
        resolve({ code: await closed, output });
      } catch (error) {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
        const message = error instanceof Error ? error.message : String(error);
        reject(new Error(`${message}\n--- nested output ---\n${output}`, { cause: error }));
      }
    })();
  });
}
