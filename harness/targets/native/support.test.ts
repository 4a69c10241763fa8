// Small pure helpers: paths, install marker parsing, child environment, readiness loop.
import { parseRunConfig } from '../../config/run-config.ts';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeAvailability } from './availability.ts';
import { isNativeTargetError } from './errors.ts';
import { removeStaleTempDirs } from './fsutil.ts';
import { djlVersionFromJars, INSTALL_RECIPE, readInstall } from './install.ts';
import { djlLibtorchDirName, jniFileName } from './libtorch.ts';
import { parseRunAsUser, resolveNativePaths } from './paths.ts';
import { nodeEnvironment, type NodeProcess } from './process.ts';
import { waitForReady } from './readiness.ts';

describe('resolveNativePaths', () => {
  it('keeps everything in the cache dir for a normal user', () => {
    const p = resolveNativePaths(parseRunConfig({ OMLC_CACHE_DIR: '/c' }), false);
    expect([p.downloadsDir, p.installsDir, p.runsDir, p.libtorchDir]).toEqual([
      '/c/downloads',
      '/c/installs',
      '/c/runs',
      '/c/libtorch',
    ]);
  });

  it('moves installs and runs to /var/tmp as root (nobody cannot traverse /root)', () => {
    const p = resolveNativePaths(parseRunConfig({ OMLC_CACHE_DIR: '/root/.cache/x' }), true);
    expect(p.downloadsDir).toBe('/root/.cache/x/downloads');
    expect(p.installsDir).toBe('/var/tmp/opensearch-ml-conformance/installs');
    expect(resolveNativePaths(parseRunConfig({ OMLC_WORK_DIR: '/w' }), true).runsDir).toBe('/w/runs');
  });
});

describe('parseRunAsUser', () => {
  it('reads numeric ids from /etc/passwd', () => {
    const passwd = 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
    expect(parseRunAsUser(passwd)).toEqual({ name: 'nobody', uid: 65534, gid: 65534 });
    expect(parseRunAsUser('root:x:0:0::/root:/bin/sh')).toBeUndefined();
  });
});

describe('DJL file names', () => {
  it('match what DJL looks for before downloading', () => {
    expect(djlLibtorchDirName('1.13.1')).toBe('1.13.1-cpu-precxx11-linux-x86_64');
    expect(jniFileName('0.31.1')).toBe('0.31.1-libdjl_torch.so');
    expect(djlVersionFromJars(['guava-32.jar', 'api-0.31.1.jar', 'pytorch-engine-0.31.1.jar'])).toBe('0.31.1');
    expect(djlVersionFromJars(['opensearch-ml-2.19.6.0.jar'])).toBeUndefined();
  });
});

describe('nodeEnvironment', () => {
  it('scrubs variables that would redirect the JVM or libtorch, and sets ours', () => {
    const env = nodeEnvironment(
      { home: '/h', configDir: '/r/config', jdkHome: '/jdk', runDir: '/r', logsDir: '/r/logs', heap: '1g' },
      { PATH: '/bin', OPENSEARCH_JAVA_OPTS: '-Xmx8g', PYTORCH_LIBRARY_PATH: '/x', DJL_CACHE_DIR: '/y', HOME: '/root' },
    );
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/root',
      JAVA_HOME: '/jdk',
      OPENSEARCH_JAVA_HOME: '/jdk',
      OPENSEARCH_PATH_CONF: '/r/config',
      OPENSEARCH_JAVA_OPTS: '-Xms1g -Xmx1g',
      OPENSEARCH_TMPDIR: '/r/tmp',
    });
  });
});

function fakeNode(exitAfterMs?: number): NodeProcess {
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (exitAfterMs !== undefined) {
      setTimeout(() => {
        done = true;
        resolve({ code: 78, signal: null });
      }, exitAfterMs);
    }
  });
  return { pid: 1, consoleLog: '/dev/null', exited, hasExited: () => done, stop: () => Promise.resolve() };
}

describe('waitForReady', () => {
  it('returns the version once GET / and health answer', async () => {
    let calls = 0;
    const fetchFn = ((url: string) => {
      calls++;
      if (calls < 3) {
        return Promise.reject(new Error('ECONNREFUSED'));
      }
      const body = url.endsWith('/')
        ? { version: { number: '3.6.0', distribution: 'opensearch' } }
        : { status: 'green' };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    }) as typeof fetch;
    await expect(waitForReady('http://x', fakeNode(), { timeoutMs: 5_000, intervalMs: 10, fetchFn })).resolves.toEqual({
      version: '3.6.0',
      distribution: 'opensearch',
    });
  });

  it('fails at once when the process exits, not at the deadline', async () => {
    const fetchFn = (() => Promise.reject(new Error('ECONNREFUSED'))) as typeof fetch;
    const t0 = Date.now();
    const error: unknown = await waitForReady('http://x', fakeNode(50), {
      timeoutMs: 60_000,
      intervalMs: 10_000,
      fetchFn,
    }).catch((e: unknown) => e);
    expect(isNativeTargetError(error, 'start-failed')).toBe(true);
    expect((error as Error).message).toContain('exited during startup (exit code 78');
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('times out with the last error', async () => {
    const fetchFn = (() => Promise.resolve(new Response('', { status: 503 }))) as typeof fetch;
    await expect(waitForReady('http://x', fakeNode(), { timeoutMs: 100, intervalMs: 20, fetchFn })).rejects.toThrow(
      /not ready within 0 s \(last: GET \/ → 503\)/,
    );
  });
});

describe('nativeAvailability', () => {
  it('reports an unsupported version as a reason, not a throw', async () => {
    const result = await nativeAvailability({ versions: ['2.18.0'] });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/^native target unavailable: /);
  });
});

describe('install cache', () => {
  it('reuses an install only with a marker of the current recipe and plugin list, and clears dead temp dirs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'omlc-installs-'));
    try {
      const home = join(dir, 'opensearch-3.6.0');
      await mkdir(home);
      expect(await readInstall(dir, '3.6.0')).toBeUndefined();
      const record = {
        recipe: INSTALL_RECIPE,
        version: '3.6.0',
        djlVersion: '0.31.1',
        plugins: ['opensearch-job-scheduler', 'opensearch-ml', 'opensearch-knn', 'opensearch-neural-search'],
        assembledModules: [],
        installedAt: '2026-12-02T00:00:00.000Z',
      };
      await writeFile(join(home, '.omlc-install.json'), JSON.stringify({ ...record, recipe: INSTALL_RECIPE - 1 }));
      expect(await readInstall(dir, '3.6.0')).toBeUndefined();
      // An install made before k-NN and neural-search were added is rebuilt, not reused.
      const { plugins: _, ...withoutPlugins } = record;
      await writeFile(join(home, '.omlc-install.json'), JSON.stringify({ ...withoutPlugins, reindexAssembled: false }));
      expect(await readInstall(dir, '3.6.0')).toBeUndefined();
      await writeFile(
        join(home, '.omlc-install.json'),
        JSON.stringify({ ...record, plugins: record.plugins.slice(0, 2) }),
      );
      expect(await readInstall(dir, '3.6.0')).toBeUndefined();
      await writeFile(join(home, '.omlc-install.json'), JSON.stringify(record));
      expect(await readInstall(dir, '3.6.0')).toMatchObject({ djlVersion: '0.31.1', home });

      await mkdir(join(dir, '.tmp-opensearch-3.6.0-pid999999999-x'));
      await mkdir(join(dir, `.tmp-opensearch-3.6.0-pid${process.pid}-y`));
      await removeStaleTempDirs(dir);
      expect((await readdir(dir)).sort()).toEqual([`.tmp-opensearch-3.6.0-pid${process.pid}-y`, 'opensearch-3.6.0']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
