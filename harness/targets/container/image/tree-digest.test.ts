import { chmod, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listTree } from './file-tree.ts';
import { digestTree } from './tree-digest.ts';

let dir: string;
let cache: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omlc-tree-digest-'));
  cache = join(dir, 'cache', 'digests.json');
  await writeFile(join(dir, 'a.txt'), 'alpha');
  await writeFile(join(dir, 'b.sh'), 'echo', { mode: 0o644 });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const digest = async () => digestTree(await listTree(dir, { exclude: ['cache'] }), cache);

describe('digestTree', () => {
  it('reads the bytes once; an untouched tree is answered from the stat cache', async () => {
    const first = await digest();
    expect(first.fromCache).toBe(false);
    expect(await digest()).toEqual({ digest: first.digest, fromCache: true });
  });

  it('touched files are hashed again but give the same digest (no rebuild for the same bytes)', async () => {
    const first = await digest();
    await utimes(join(dir, 'a.txt'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(await digest()).toEqual({ digest: first.digest, fromCache: false });
  });

  it('changes with a byte, a mode or a new file', async () => {
    const first = (await digest()).digest;
    await writeFile(join(dir, 'a.txt'), 'alphb');
    const byte = (await digest()).digest;
    await chmod(join(dir, 'b.sh'), 0o755);
    const mode = (await digest()).digest;
    await writeFile(join(dir, 'c.txt'), '');
    const added = (await digest()).digest;
    expect(new Set([first, byte, mode, added]).size).toBe(4);
  });

  it('starts over from a damaged cache file', async () => {
    const first = await digest();
    await writeFile(cache, '{not json');
    expect(await digest()).toEqual({ digest: first.digest, fromCache: false });
  });
});
