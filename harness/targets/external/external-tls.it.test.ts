/**
 * The external target against a real secured cluster: native OpenSearch 2.19.1 with the security plugin (TLS on
 * HTTP and transport, basic auth, generated CA and admin password). (a) The conformance suites run against it as
 * `live:external` in a nested Vitest and pass, with the harness setting the ML settings the cluster lacks and
 * restoring them; (b) wrong password, wrong CA and http:// to the TLS port fail quickly with their precise
 * message; (c) the password appears nowhere in the nested run's output or reports. Skips with the reason where
 * Java/Maven are missing. Cold start (downloads + install) and warm start are printed.
 */
import { parseRunConfig, runConfig } from '../../config/run-config.ts';
import { inheritedEnv } from '../../config/inherited-env.ts';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArtifactServer, type ArtifactServer } from '../../artifacts/artifact-server.ts';
import { createMlClient } from '../../ml/client.ts';
import type { ConformanceReport } from '../../report/report-model.ts';
import { startExternalTarget } from '../live/start-external.ts';
import { findOnPath } from '../native/exec.ts';
import { generateTestPki } from '../native/tls-certs.ts';
import { nativeAvailability, SECURED_NATIVE_VERSION, startNativeCluster, type NativeCluster } from '../native/index.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const liveDisabled = runConfig().ML_TARGET.includes('none');
const availability = liveDisabled ? undefined : await nativeAvailability({ versions: [SECURED_NATIVE_VERSION] });
const skipReason = liveDisabled
  ? 'live targets disabled (ML_TARGET=none): this test starts a secured native cluster'
  : availability?.ok !== true
    ? (availability?.reason ?? 'native target unavailable')
    : (await findOnPath('openssl')) === undefined
      ? 'openssl not found on PATH: the secured cluster makes its TLS certificates with it (apt-get install -y openssl)'
      : undefined;
const URL_SETTING = 'plugins.ml_commons.allow_registering_model_via_url';
const ML_NODE = 'plugins.ml_commons.only_run_on_ml_node';

let cluster: NativeCluster | undefined;
let artifacts: ArtifactServer | undefined;
const scratch = mkdtempSync(path.join(tmpdir(), 'omlc-external-it-'));

function secured(): NonNullable<NativeCluster['security']> & { url: string } {
  if (cluster?.security === undefined) {
    throw new Error('the secured cluster did not start');
  }
  return { ...cluster.security, url: cluster.baseUrl };
}

beforeAll(async () => {
  if (skipReason !== undefined) {
    // As for the live projects: a native target that was asked for (CI sets ML_TARGET=native) must not skip quietly.
    if (runConfig().ML_TARGET.includes('native')) {
      throw new Error(`ML_TARGET=native, but the secured native cluster cannot start here: ${skipReason}`);
    }
    return;
  }
  const t0 = performance.now();
  cluster = await startNativeCluster({
    version: SECURED_NATIVE_VERSION,
    security: {},
    // ML Commons' own defaults instead of the native target's CI values, so the pre-flight has something to fix.
    extraSettings: { [URL_SETTING]: false, [ML_NODE]: true },
    onProgress: (line) => console.log(line),
  });
  console.log(
    `[external-it] secured ${SECURED_NATIVE_VERSION} started in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  artifacts = await startArtifactServer();
}, 900_000);

afterAll(async () => {
  await artifacts?.close();
  await cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
}, 120_000);

function adminClient(): ReturnType<typeof createMlClient> {
  const { url, username, password, caFile } = secured();
  return createMlClient({ baseUrl: url, auth: { type: 'basic', username, password }, caFile });
}

/** The external target's env for the secured cluster, with overrides. */
function externalEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const s = secured();
  return {
    OPENSEARCH_URL: s.url,
    OPENSEARCH_USERNAME: s.username,
    OPENSEARCH_PASSWORD: s.password,
    OPENSEARCH_CA_FILE: s.caFile,
    ...overrides,
  };
}

async function startError(env: Record<string, string>): Promise<{ message: string; ms: number }> {
  const t0 = performance.now();
  const log: string[] = [];
  try {
    const target = await startExternalTarget({
      projectName: 'live:external',
      version: undefined,
      artifacts: artifacts as ArtifactServer,
      config: parseRunConfig(env),
      log: (line) => log.push(line),
      signal: new AbortController().signal,
    });
    await target.stop();
    return { message: `started unexpectedly: ${log.join('\n')}`, ms: performance.now() - t0 };
  } catch (error) {
    return { message: (error as Error).message, ms: performance.now() - t0 };
  }
}

function runNested(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const base = inheritedEnv();
  for (const key of Object.keys(base)) {
    if (key.startsWith('VITEST') || key.startsWith('OPENSEARCH_') || key === 'OMLC_RUN_ID') {
      delete base[key];
    }
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'live:external'], {
      cwd: root,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe(`external target over TLS + basic auth (secured native ${SECURED_NATIVE_VERSION})`, () => {
  it('wrong password, wrong CA and http:// to the TLS port fail at once with their precise message', async (ctx) => {
    if (skipReason !== undefined) {
      ctx.skip(skipReason);
    }
    const { url, username } = secured();
    const wrongPassword = await startError(externalEnv({ OPENSEARCH_PASSWORD: 'not-the-password' }));
    expect(wrongPassword.message).toMatch(
      `wrong credentials for ${username} at ${url} (HTTP 401): check OPENSEARCH_USERNAME/OPENSEARCH_PASSWORD`,
    );
    const otherCa = await generateTestPki(path.join(scratch, 'other-ca'), { caName: 'omlc-other-ca' });
    const wrongCa = await startError(externalEnv({ OPENSEARCH_CA_FILE: otherCa.caCert }));
    expect(wrongCa.message).toMatch(
      `certificate of ${url} is not trusted: OPENSEARCH_CA_FILE=${otherCa.caCert} is not the CA that signed it`,
    );
    const noCa = await startError(externalEnv({ OPENSEARCH_CA_FILE: '' }));
    expect(noCa.message).toMatch(
      `certificate of ${url} is not trusted: set OPENSEARCH_CA_FILE to the CA that signed it (or OPENSEARCH_INSECURE=true)`,
    );
    const plain = url.replace('https:', 'http:');
    const plainHttp = await startError(externalEnv({ OPENSEARCH_URL: plain, OPENSEARCH_CA_FILE: '' }));
    expect(plainHttp.message).toBe(
      `${plain} looks like a TLS port (it completes a TLS handshake but drops plain HTTP): use ${url}`,
    );
    const timings = { wrongPassword, wrongCa, noCa, plainHttp };
    console.log(
      `[external-it] fail-fast: ${Object.entries(timings)
        .map(([k, v]) => `${k} ${Math.round(v.ms)} ms`)
        .join(', ')}`,
    );
    for (const { ms } of Object.values(timings)) {
      expect(ms).toBeLessThan(5_000);
    }
  });

  it('without OPENSEARCH_ALLOW_SETTINGS_CHANGES the start fails with the pre-flight list and changes nothing', async (ctx) => {
    if (skipReason !== undefined) {
      ctx.skip(skipReason);
    }
    const { message } = await startError(externalEnv());
    // URL registration is off on this node, but chunked upload is on: only the ml-node setting blocks the checks.
    expect(message.split('\n')[0]).toMatch(`1 problem(s) would make the live checks fail (${ML_NODE})`);
    const client = adminClient();
    try {
      expect((await client.getClusterSettings({ includeDefaults: false })).persistent).toEqual({});
    } finally {
      await client.close();
    }
  });

  it(
    'the conformance suites pass as live:external, settings are restored, and the password leaks nowhere',
    { timeout: 900_000 },
    async (ctx) => {
      if (skipReason !== undefined) {
        ctx.skip(skipReason);
      }
      const s = secured();
      const reportsDir = mkdtempSync(path.join(scratch, 'reports-'));
      const t0 = performance.now();
      const { code, output } = await runNested({
        ...externalEnv(),
        ML_TARGET: 'external',
        OPENSEARCH_ALLOW_SETTINGS_CHANGES: 'true',
        OMLC_REPORTS_DIR: reportsDir,
      });
      console.log(
        `[external-it] nested live:external run: exit ${String(code)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const harnessLines = output.split('\n').filter((line) => line.startsWith('[omlc]'));
      console.log(`[external-it] nested run, harness lines:\n${harnessLines.join('\n')}`);
      expect(code, output.slice(-4000)).toBe(0);
      // URL registration stays off: the run registers by upload (its node allows local files); only the ml-node
      // setting had to change, and it is put back.
      expect(output).toMatch('registers models via upload');
      expect(output).toMatch(`persistent ${ML_NODE}: null → false`);
      expect(output).not.toMatch(`persistent ${URL_SETTING}: null → true`);
      expect(output).toMatch('restored cluster settings');
      const report = JSON.parse(readFileSync(path.join(reportsDir, 'conformance.json'), 'utf8')) as ConformanceReport;
      const summary = report.projects.find((p) => p.project === 'live:external');
      const skipped = new Map<string, number>();
      for (const c of report.cases.filter((x) => x.status === 'skipped')) {
        const why = (c.message ?? '').slice(0, 110);
        skipped.set(why, (skipped.get(why) ?? 0) + 1);
      }
      console.log(
        `[external-it] live:external: ${JSON.stringify(summary)}; skipped because:\n` +
          [...skipped].map(([why, n]) => `  ${n}× ${why}`).join('\n'),
      );
      expect(summary?.failed).toBe(0);
      expect(summary?.passed).toBeGreaterThan(10);
      // clusterSettingsWritable: the checks that flip URL registration themselves ran instead of being skipped.
      const urlDisabled = report.cases.filter((c) => c.meta.check === 'integrity.url-disabled');
      expect(urlDisabled.map((c) => c.status)).toContain('passed');
      // The fault proxy sits in front of this TLS cluster (CA file + basic auth): the resilience checks run and pass,
      // except the one that polls a register task, which needs URL registration (off here: the run uploads).
      const resilience = report.cases.filter((c) => c.meta.check.startsWith('resilience.'));
      expect(resilience.filter((c) => c.status === 'passed').length).toBeGreaterThan(0);
      const urlOnly = (c: (typeof resilience)[number]): boolean =>
        c.meta.check === 'resilience.transient-errors' &&
        c.status === 'skipped' &&
        (c.message ?? '').includes('needs URL registration');
      expect(
        resilience
          .filter((c) => c.status !== 'passed' && !urlOnly(c))
          .map((c) => `${c.meta.check}: ${c.message ?? c.status}`),
      ).toEqual([]);

      const client = adminClient();
      try {
        expect((await client.getClusterSettings({ includeDefaults: false })).persistent).toEqual({});
      } finally {
        await client.close();
      }

      expect(output.includes(s.password), 'password in the nested run output').toBe(false);
      const files = filesUnder(reportsDir);
      expect(files.length).toBeGreaterThan(0);
      const leaking = files.filter((f) => readFileSync(f, 'utf8').includes(s.password));
      expect(leaking, 'report files containing the password').toEqual([]);
    },
  );
});
