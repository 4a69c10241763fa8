import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listTree, stageTree } from './file-tree.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omlc-file-tree-'));
  await mkdir(join(dir, 'src', 'bin'), { recursive: true });
  await mkdir(join(dir, 'outside'));
  await writeFile(join(dir, 'src', 'bin', 'run'), '#!/bin/sh\n', { mode: 0o755 });
  await writeFile(join(dir, 'src', 'marker.json'), '{}');
  await writeFile(join(dir, 'outside', 'cacerts'), 'certs');
  await symlink(join(dir, 'outside', 'cacerts'), join(dir, 'src', 'cacerts'));
  await symlink(join(dir, 'outside'), join(dir, 'src', 'conf'));
  await symlink(join(dir, 'missing'), join(dir, 'src', 'src.zip'));
});

afterEach(async () => {
  await chmod(join(dir, 'staged', 'bin'), 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('listTree', () => {
  it('follows links to files and directories, leaves out dangling links and excluded paths, sorted', async () => {
    const tree = await listTree(join(dir, 'src'), { exclude: ['marker.json'] });
    expect(tree.entries.map((e) => `${e.kind} ${e.rel}`)).toEqual([
      'dir bin',
      'file bin/run',
      'file cacerts',
      'dir conf',
      'file conf/cacerts',
    ]);
    expect(tree.dangling).toEqual(['src.zip']);
    const cacerts = tree.entries.find((e) => e.rel === 'cacerts');
    expect(cacerts?.source).toBe(join(dir, 'outside', 'cacerts'));
    expect(tree.entries.find((e) => e.rel === 'bin/run')?.mode).toBe(0o755);
  });

  it('refuses a link back to a parent directory instead of recursing forever', async () => {
    await symlink(join(dir, 'src'), join(dir, 'src', 'bin', 'loop'));
    await expect(listTree(join(dir, 'src'))).rejects.toThrow(/links back to one of its parent directories/);
  });
});

describe('stageTree', () => {
  it('hard-links files (same inode), keeps modes, and copes with a read-only directory', async () => {
    await chmod(join(dir, 'src', 'bin'), 0o555);
    const tree = await listTree(join(dir, 'src'));
    await stageTree(tree, join(dir, 'staged'));
    await chmod(join(dir, 'src', 'bin'), 0o755);
    const [original, staged] = await Promise.all([
      stat(join(dir, 'src', 'bin', 'run')),
      stat(join(dir, 'staged', 'bin', 'run')),
    ]);
    expect(staged.ino).toBe(original.ino);
    expect(staged.mode & 0o777).toBe(0o755);
    expect((await stat(join(dir, 'staged', 'bin'))).mode & 0o777).toBe(0o555);
    // The link was staged as the file it points to, not as a link.
    expect(await readFile(join(dir, 'staged', 'conf', 'cacerts'), 'utf8')).toBe('certs');
    expect((await stat(join(dir, 'staged', 'cacerts'))).ino).toBe((await stat(join(dir, 'outside', 'cacerts'))).ino);
  });
});
