/**
 * The image entrypoint, run with bash against a fake OpenSearch home: `bin/opensearch` prints its arguments, the
 * security plugin's demo installer prints how it was called, and `id` answers a chosen uid. What reaches OpenSearch
 * is exactly what the container would start with.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTRYPOINT_SOURCE } from './image-inputs.ts';

let dir: string;
let home: string;

async function script(path: string, body: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, `#!/bin/bash\n${body}\n`);
  await chmod(path, 0o755);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omlc-entrypoint-'));
  home = join(dir, 'home');
  await mkdir(join(home, 'config'), { recursive: true });
  await script(join(home, 'bin', 'opensearch'), 'echo "opensearch"; printf "arg %s\\n" "$@"');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withSecurityPlugin(): Promise<void> {
  await script(
    join(home, 'plugins', 'opensearch-security', 'tools', 'install_demo_configuration.sh'),
    'echo "demo installer $* password=$OPENSEARCH_INITIAL_ADMIN_PASSWORD java=$JAVA_HOME"',
  );
}

async function entrypoint(
  env: Record<string, string>,
  args: string[] = [],
  uid = 1000,
): Promise<{ status: number | null; out: string; err: string }> {
  await script(join(dir, 'fakebin', 'id'), `echo ${uid}`);
  const result = spawnSync('bash', [ENTRYPOINT_SOURCE, ...args], {
    env: { PATH: `${join(dir, 'fakebin')}:/usr/bin:/bin`, OPENSEARCH_HOME: home, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

const SECURITY_OFF = { DISABLE_SECURITY_PLUGIN: 'true', DISABLE_INSTALL_DEMO_CONFIG: 'true' };

describe('image entrypoint', () => {
  it('turns variables named like settings into -E flags, skipping empty values and other names', async () => {
    const result = await entrypoint(
      {
        ...SECURITY_OFF,
        'discovery.type': 'single-node',
        'plugins.ml_commons.only_run_on_ml_node': 'false',
        'cluster.routing.allocation.disk.threshold_enabled': 'false',
        'node.attr.empty': '',
        OPENSEARCH_JAVA_OPTS: '-Xms1g -Xmx1g',
        'Not.a.setting': 'x',
      },
      ['opensearch', '-Epath.logs=/tmp/logs'],
    );
    expect(result.status).toBe(0);
    const lines = result.out.trim().split('\n');
    // Settings in environment order, then the command's own arguments.
    expect(lines[0]).toBe('opensearch');
    expect(lines.at(-1)).toBe('arg -Epath.logs=/tmp/logs');
    expect(lines.slice(1, -1).sort()).toEqual([
      'arg -Ecluster.routing.allocation.disk.threshold_enabled=false',
      'arg -Ediscovery.type=single-node',
      'arg -Eplugins.ml_commons.only_run_on_ml_node=false',
    ]);
    expect(result.err).toContain('starting OpenSearch with 3 setting(s) from the environment');
  });

  it('refuses to run as root', async () => {
    const result = await entrypoint(SECURITY_OFF, [], 0);
    expect(result.status).toBe(64);
    expect(result.err).toContain('refusing to run OpenSearch as root');
    expect(result.out).toBe('');
  });

  it('runs any other command as given', async () => {
    const result = await entrypoint({}, ['echo', 'hello'], 0);
    expect(result).toMatchObject({ status: 0, out: 'hello\n' });
  });

  it('without the security plugin: DISABLE_SECURITY_PLUGIN=true starts plain, anything else is refused', async () => {
    expect((await entrypoint({ DISABLE_SECURITY_PLUGIN: 'TRUE' })).status).toBe(0);
    const dropped = await entrypoint({ 'plugins.security.disabled': 'true' });
    expect(dropped.status).toBe(0);
    expect(dropped.out).not.toContain('plugins.security');
    for (const env of [{}, { 'plugins.security.disabled': 'false' }] as Record<string, string>[]) {
      const refused = await entrypoint(env);
      expect(refused.status).toBe(64);
      expect(refused.err).toContain('this image has no security plugin');
    }
  });

  it('with the security plugin: DISABLE_SECURITY_PLUGIN=true adds plugins.security.disabled=true once', async () => {
    await withSecurityPlugin();
    const off = await entrypoint(SECURITY_OFF);
    expect(off.out.match(/plugins\.security\.disabled/g)).toEqual(['plugins.security.disabled']);
    expect(off.out).toContain('arg -Eplugins.security.disabled=true');
    const explicit = await entrypoint({ ...SECURITY_OFF, 'plugins.security.disabled': 'false' });
    expect(explicit.out.match(/plugins\.security\.disabled=\w+/g)).toEqual(['plugins.security.disabled=false']);
  });

  it('installs the demo security configuration once, and only with OPENSEARCH_INITIAL_ADMIN_PASSWORD', async () => {
    await withSecurityPlugin();
    const missing = await entrypoint({});
    expect(missing.status).toBe(64);
    expect(missing.err).toContain('needs OPENSEARCH_INITIAL_ADMIN_PASSWORD');
    const first = await entrypoint({ OPENSEARCH_INITIAL_ADMIN_PASSWORD: 'S3cret!pass' });
    expect(first.status).toBe(0);
    expect(first.out).toContain(`demo installer -y -i -s password=S3cret!pass java=${home}/jdk`);
    const second = await entrypoint({ OPENSEARCH_INITIAL_ADMIN_PASSWORD: 'S3cret!pass' });
    expect(second.out).not.toContain('demo installer');
  });
});
