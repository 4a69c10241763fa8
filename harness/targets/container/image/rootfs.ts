/**
 * The base of the local image: a minimal Debian root filesystem made from Debian packages with `mmdebstrap` (no
 * registry, no base image to pull), imported into Docker as `omlc/debian-base:<suite>-<key>`. The JDK and the djl-compat
 * shim are copied from this host, so the root filesystem is the host's own Debian release (same glibc, same
 * libstdc++). The tarball is cached by its recipe; the imported image carries the tarball's sha256.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File } from '../../../artifacts/file-digest.ts';
import { inheritedEnv } from '../../../config/inherited-env.ts';
import { findOnPath, formatSeconds, runCommand, stripAnsi, tailLines } from '../../native/exec.ts';
import { pathExists } from '../../native/fsutil.ts';
import { ContainerTargetError } from '../errors.ts';
import type { DockerCli } from './docker-cli.ts';
import { BASE_IMAGE_REPOSITORY, IMAGE_LABELS, IMAGE_USER } from './image-spec.ts';

export const DEFAULT_DEBIAN_MIRROR = 'http://deb.debian.org/debian';
/** When the host is not Debian (its JDK may then need a newer glibc than this release has). */
export const FALLBACK_SUITE = 'bookworm';

export interface RootfsRecipe {
  /** Bump when the hook or options below change. */
  readonly recipe: number;
  readonly suite: string;
  readonly variant: 'minbase';
  /** curl: the harness checks from inside the container that it reaches the artifact server. */
  readonly packages: readonly string[];
  readonly user: typeof IMAGE_USER;
}

export function rootfsRecipe(suite: string): RootfsRecipe {
  return { recipe: 1, suite, variant: 'minbase', packages: ['curl'], user: IMAGE_USER };
}

export function rootfsKey(recipe: RootfsRecipe): string {
  return createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 16);
}

/** The host's Debian codename from os-release, or the fallback with the reason. */
export function hostSuite(osRelease: string): { suite: string; note?: string } {
  const field = (name: string): string | undefined =>
    new RegExp(`^${name}=("?)([^"\\n]*)\\1$`, 'm').exec(osRelease)?.[2];
  const id = field('ID');
  const codename = field('VERSION_CODENAME');
  if (id === 'debian' && codename !== undefined && /^[a-z]+$/.test(codename)) {
    return { suite: codename };
  }
  return {
    suite: FALLBACK_SUITE,
    note: `this host is not Debian (${id ?? 'unknown'}); the image uses Debian ${FALLBACK_SUITE}, whose glibc may be older than the JDK copied from this host needs`,
  };
}

export function mmdebstrapArgs(recipe: RootfsRecipe, output: string, mirror = DEFAULT_DEBIAN_MIRROR): string[] {
  const { name, uid, gid } = recipe.user;
  return [
    `--variant=${recipe.variant}`,
    `--include=${recipe.packages.join(',')}`,
    // The image's non-root user, made here so the Dockerfile needs no RUN step (no container, no network).
    `--customize-hook=chroot "$1" groupadd --gid ${gid} ${name} && chroot "$1" useradd --uid ${uid} --gid ${gid} ` +
      `--home-dir /usr/share/opensearch --no-create-home --shell /bin/bash ${name}`,
    recipe.suite,
    output,
    mirror,
  ];
}

export interface Rootfs {
  readonly tar: string;
  readonly key: string;
  readonly suite: string;
  readonly sha256: string;
}

export interface RootfsOptions {
  readonly imagesDir: string;
  /** PATH to find mmdebstrap on. */
  readonly searchPath: string;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Test seam; defaults to /etc/os-release. */
  readonly osRelease?: string;
}

export async function ensureRootfs(options: RootfsOptions): Promise<Rootfs> {
  const host = hostSuite(options.osRelease ?? (await readFile('/etc/os-release', 'utf8').catch(() => '')));
  if (host.note !== undefined) {
    options.log(`warning: ${host.note}`);
  }
  const recipe = rootfsRecipe(host.suite);
  const key = rootfsKey(recipe);
  const tar = join(options.imagesDir, `rootfs-${recipe.suite}-${key}.tar`);
  const digestFile = `${tar}.sha256`;
  if ((await pathExists(tar)) && (await pathExists(digestFile))) {
    options.log(`cached   root filesystem ${tar}`);
    return { tar, key, suite: recipe.suite, sha256: (await readFile(digestFile, 'utf8')).trim() };
  }
  const mmdebstrap = await findOnPath('mmdebstrap', options.searchPath);
  if (mmdebstrap === undefined) {
    throw new ContainerTargetError(
      'toolchain-missing',
      'building the local image needs mmdebstrap for its Debian root filesystem (apt-get install -y mmdebstrap)',
    );
  }
  await mkdir(options.imagesDir, { recursive: true });
  const tmp = `${tar}.${process.pid}.tmp.tar`;
  const started = Date.now();
  options.log(`building a Debian ${recipe.suite} root filesystem with mmdebstrap (Debian packages only)`);
  try {
    const args = mmdebstrapArgs(recipe, tmp);
    // apt inside mmdebstrap honours http_proxy/https_proxy from the inherited environment.
    const result = await runCommand(mmdebstrap, args, {
      env: inheritedEnv(),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (result.code !== 0) {
      throw new ContainerTargetError(
        'image-build-failed',
        `mmdebstrap failed (exit ${String(result.code)}): mmdebstrap ${args.join(' ')}\n` +
          tailLines(stripAnsi(`${result.stdout}\n${result.stderr}`), 30),
      );
    }
    const sha256 = await sha256File(tmp);
    await rename(tmp, tar);
    await writeFile(digestFile, `${sha256}\n`);
    options.log(`built root filesystem ${tar} in ${formatSeconds(Date.now() - started)}`);
    return { tar, key, suite: recipe.suite, sha256 };
  } finally {
    await rm(tmp, { force: true });
  }
}

export function baseImageRef(rootfs: Rootfs): string {
  return `${BASE_IMAGE_REPOSITORY}:${rootfs.suite}-${rootfs.key}`;
}

/** `docker import` of the root filesystem, unless an image with that tarball's digest is there already. */
export async function ensureBaseImage(docker: DockerCli, rootfs: Rootfs, log: (line: string) => void): Promise<string> {
  const ref = baseImageRef(rootfs);
  const existing = await docker.inspectImage(ref);
  if (existing?.labels[IMAGE_LABELS.contentKey] === rootfs.sha256) {
    return ref;
  }
  const started = Date.now();
  await docker.run('docker import', [
    'import',
    '--change',
    `LABEL ${IMAGE_LABELS.contentKey}=${rootfs.sha256}`,
    rootfs.tar,
    ref,
  ]);
  log(`imported ${rootfs.tar} as ${ref} in ${formatSeconds(Date.now() - started)}`);
  return ref;
}
