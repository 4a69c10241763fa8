/**
 * `omlc/opensearch-ml:<version>`: an image that behaves like `opensearchproject/opensearch:<version>` where the harness
 * relies on it, built without any registry from the native target's assembly on a Debian root filesystem. Cached by
 * content: when the image's content key label equals the key of the current inputs, nothing is built.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunConfig } from '../../../config/run-config.ts';
import { formatSeconds } from '../../native/exec.ts';
import { removeStaleTempDirs, tempName } from '../../native/fsutil.ts';
import { prepareNativeVersion, prepareSecuredVersion, resolveNativePaths } from '../../native/index.ts';
import { findDockerCli, type DockerCli } from './docker-cli.ts';
import { contentKey, gatherImageInputs } from './image-inputs.ts';
import { IMAGE_LABELS, localImageRef } from './image-spec.ts';
import { ensureBaseImage, ensureRootfs } from './rootfs.ts';
import { localImageHasSecurityPlugin } from './security-plugin.ts';
import { stageContext } from './stage-context.ts';

export interface LocalImageRequest {
  readonly version: string;
  readonly config: RunConfig;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Build even when the content key matches. */
  readonly force?: boolean;
  /** Test seam. */
  readonly docker?: DockerCli;
}

export interface LocalImage {
  readonly ref: string;
  readonly contentKey: string;
  readonly securityPlugin: boolean;
  /** False when the existing image already had this content key. */
  readonly built: boolean;
  readonly elapsedMs: number;
}

export async function ensureLocalImage(request: LocalImageRequest): Promise<LocalImage> {
  const { version, config, log, signal } = request;
  const started = Date.now();
  const docker = request.docker ?? (await findDockerCli(config.PATH));
  const paths = resolveNativePaths(config);
  const imagesCache = join(paths.cacheDir, 'images');
  const securityPlugin = localImageHasSecurityPlugin(version);
  const common = { paths, config, onProgress: log, ...(signal === undefined ? {} : { signal }) };
  let prepared = await prepareNativeVersion({ version, ...common });
  if (securityPlugin) {
    prepared = await prepareSecuredVersion({ prepared, ...common });
  }
  const rootfs = await ensureRootfs({
    imagesDir: imagesCache,
    searchPath: config.PATH,
    log,
    ...(signal === undefined ? {} : { signal }),
  });
  const baseImage = await ensureBaseImage(docker, rootfs, log);
  const inputs = await gatherImageInputs(prepared, baseImage, securityPlugin);
  for (const tree of [inputs.jdk, inputs.install, inputs.libtorch]) {
    if (tree.dangling.length > 0) {
      log(`left out ${tree.dangling.length} dangling link(s) of ${tree.root}: ${tree.dangling.slice(0, 3).join(', ')}`);
    }
  }
  const key = await contentKey(inputs, rootfs.sha256, join(imagesCache, 'tree-digests.json'));
  if (key.hashedTrees.length > 0) {
    log(`hashed ${key.hashedTrees.join(', ')} (first use or changed files)`);
  }
  const ref = localImageRef(version);
  const existing = await docker.inspectImage(ref);
  if (existing?.labels[IMAGE_LABELS.contentKey] === key.key && request.force !== true) {
    log(
      `image ${ref} is up to date (content key ${key.key.slice(0, 12)}), checked in ${formatSeconds(Date.now() - started)}`,
    );
    return { ref, contentKey: key.key, securityPlugin, built: false, elapsedMs: Date.now() - started };
  }

  const contextRoot = join(paths.workDir, 'images');
  await removeStaleTempDirs(contextRoot);
  const contextDir = join(contextRoot, tempName(`context-${version}`));
  try {
    await stageContext(inputs, contextDir);
    const buildStarted = Date.now();
    log(`building ${ref}${existing === undefined ? '' : ' (inputs changed)'} from ${baseImage}`);
    await docker.run(
      'docker build',
      [
        'build',
        '--tag',
        ref,
        '--label',
        `${IMAGE_LABELS.contentKey}=${key.key}`,
        '--label',
        `${IMAGE_LABELS.version}=${version}`,
        '--label',
        `${IMAGE_LABELS.securityPlugin}=${String(securityPlugin)}`,
        contextDir,
      ],
      signal,
    );
    log(`built ${ref} in ${formatSeconds(Date.now() - buildStarted)} (content key ${key.key.slice(0, 12)})`);
  } finally {
    await rm(contextDir, { recursive: true, force: true });
  }
  if (existing !== undefined) {
    // The previous build is now untagged; without this every rebuild would leave ~1.3 GB behind.
    await docker.run('docker image rm', ['image', 'rm', existing.id]).catch(() => undefined);
  }
  return { ref, contentKey: key.key, securityPlugin, built: true, elapsedMs: Date.now() - started };
}
