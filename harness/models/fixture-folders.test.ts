/** Fixture folders and id filters: helpers are not cases, and a typo in a filter never runs nothing. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CardError } from './card-error.ts';
import { listFixtureFolders, selectIds } from './fixture-folders.ts';
import { relativeToRepo, resolveFromRepo } from './repo-paths.ts';

describe('listFixtureFolders', () => {
  it('lists case folders sorted, without helper folders and files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omlc-fixture-folders-'));
    try {
      for (const name of ['b', 'a', '_shared', '.hidden', 'c_d']) {
        mkdirSync(path.join(dir, name));
      }
      writeFileSync(path.join(dir, 'README.md'), '');
      expect(listFixtureFolders(dir)).toEqual(['a', 'b', 'c_d']);
      expect(() => listFixtureFolders(path.join(dir, 'README.md'))).toThrow(
        `${path.join(dir, 'README.md')}: (root): cannot list folder (ENOTDIR)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a missing folder relative to the repository', () => {
    expect(() => listFixtureFolders(resolveFromRepo('fixtures/no-such-folder'))).toThrow(
      new CardError([{ file: 'fixtures/no-such-folder', path: '(root)', reason: 'cannot list folder (ENOENT)' }]),
    );
  });
});

describe('selectIds', () => {
  it('keeps everything without a filter, else the filtered ids in folder order', () => {
    expect(selectIds(['a', 'b', 'c'], undefined, 'w', 'F')).toEqual(['a', 'b', 'c']);
    expect(selectIds(['a', 'b', 'c'], ['c', 'a'], 'w', 'F')).toEqual(['a', 'c']);
  });

  it('refuses unknown ids, naming what is available', () => {
    expect(() => selectIds(['a', 'b'], ['x', 'a', 'y'], 'fixtures/models', 'ML_CARDS')).toThrow(
      'fixtures/models: ML_CARDS: unknown id(s) "x", "y" (available: a, b)',
    );
    expect(() => selectIds([], ['x'], 'w', 'F')).toThrow('w: F: unknown id(s) "x" (available: none)');
  });
});

describe('repo paths', () => {
  it('resolve relative paths against the repository and name outside files absolutely', () => {
    const inside = resolveFromRepo('fixtures/models');
    expect(path.isAbsolute(inside)).toBe(true);
    expect(resolveFromRepo('/abs/x')).toBe('/abs/x');
    expect(relativeToRepo(inside)).toBe('fixtures/models');
    expect(relativeToRepo(path.join(tmpdir(), 'x'))).toBe(path.join(tmpdir(), 'x'));
  });
});
