import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firstUntraversable } from './fsutil.ts';

const NOBODY = { uid: 65534, gid: 65534 };
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('firstUntraversable', () => {
  it('names the first directory another user cannot enter (a mkdtemp dir is 0700)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'omlc-trav-'));
    made.push(root);
    const work = join(root, 'work', 'installs');
    await mkdir(work, { recursive: true, mode: 0o755 });
    expect(await firstUntraversable(work, NOBODY.uid, NOBODY.gid)).toBe(root);
  });

  it('is undefined when every directory on the way is o+x', async () => {
    const root = await mkdtemp(join(tmpdir(), 'omlc-trav-'));
    made.push(root);
    await chmod(root, 0o755);
    const work = join(root, 'work');
    await mkdir(work, { mode: 0o755 });
    expect(await firstUntraversable(work, NOBODY.uid, NOBODY.gid)).toBeUndefined();
  });

  it('stops at the first missing directory (it will be created world-traversable)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'omlc-trav-'));
    made.push(root);
    await chmod(root, 0o755);
    expect(await firstUntraversable(join(root, 'not', 'yet'), NOBODY.uid, NOBODY.gid)).toBeUndefined();
  });
});
