import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isContainerTargetError } from '../errors.ts';
import { ensureRootfs, hostSuite, mmdebstrapArgs, rootfsKey, rootfsRecipe } from './rootfs.ts';

describe('the Debian root filesystem', () => {
  it('is the host Debian release (the JDK and the shim come from this host), else bookworm with a note', () => {
    expect(hostSuite('PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nID=debian\nVERSION_CODENAME=trixie\n')).toEqual({
      suite: 'trixie',
    });
    const ubuntu = hostSuite('ID=ubuntu\nVERSION_CODENAME="noble"\n');
    expect(ubuntu.suite).toBe('bookworm');
    expect(ubuntu.note).toContain('this host is not Debian (ubuntu)');
  });

  it('is made by mmdebstrap from Debian packages, with curl and the opensearch user (uid/gid 1000)', () => {
    expect(mmdebstrapArgs(rootfsRecipe('bookworm'), '/tmp/out.tar')).toEqual([
      '--variant=minbase',
      '--include=curl',
      '--customize-hook=chroot "$1" groupadd --gid 1000 opensearch && chroot "$1" useradd --uid 1000 --gid 1000 ' +
        '--home-dir /usr/share/opensearch --no-create-home --shell /bin/bash opensearch',
      'bookworm',
      '/tmp/out.tar',
      'http://deb.debian.org/debian',
    ]);
  });

  it('is cached by its recipe', () => {
    expect(rootfsKey(rootfsRecipe('bookworm'))).toBe(rootfsKey(rootfsRecipe('bookworm')));
    expect(rootfsKey(rootfsRecipe('trixie'))).not.toBe(rootfsKey(rootfsRecipe('bookworm')));
  });

  it('a cached tarball is used without mmdebstrap; without one, a missing mmdebstrap names the package', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'omlc-rootfs-'));
    try {
      const osRelease = 'ID=debian\nVERSION_CODENAME=bookworm\n';
      const lines: string[] = [];
      const options = { imagesDir: dir, searchPath: '', log: (l: string) => lines.push(l), osRelease };
      const error: unknown = await ensureRootfs(options).catch((e: unknown) => e);
      expect(isContainerTargetError(error, 'toolchain-missing')).toBe(true);
      expect((error as Error).message).toContain('apt-get install -y mmdebstrap');
      const key = rootfsKey(rootfsRecipe('bookworm'));
      const tar = join(dir, `rootfs-bookworm-${key}.tar`);
      await writeFile(tar, 'tar');
      await writeFile(`${tar}.sha256`, `${'a'.repeat(64)}\n`);
      expect(await ensureRootfs(options)).toEqual({ tar, key, suite: 'bookworm', sha256: 'a'.repeat(64) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
