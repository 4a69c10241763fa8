/**
 * Everything one local image is made of, gathered from the native target's assembly (the same cached Maven
 * artifacts, install and pre-seeded libtorch a native run uses), and the content key over all of it. The key is what
 * decides whether `omlc/opensearch-ml:<v>` must be rebuilt.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { djlLibtorchDirName } from '../../native/libtorch.ts';
import type { PreparedVersion } from '../../native/prepare.ts';
import { listTree, type FileTree } from './file-tree.ts';
import { IMAGE_OPENSEARCH_YML, IMAGE_RECIPE, renderDockerfile } from './image-spec.ts';
import { digestTree } from './tree-digest.ts';

/** Markers of the native caches: bookkeeping of this host, not part of the image. */
const INSTALL_MARKERS = ['.omlc-install.json', '.omlc-secured-install.json'];
const LIBTORCH_MARKER = '.omlc-complete';

export const ENTRYPOINT_SOURCE = join(import.meta.dirname, 'entrypoint.sh');

export interface ImageInputs {
  readonly version: string;
  readonly baseImage: string;
  readonly securityPlugin: boolean;
  readonly jdk: FileTree;
  /** The install (with the security plugin when the version has one), minus `config/opensearch.yml`. */
  readonly install: FileTree;
  readonly libtorch: FileTree;
  /** Where the libtorch tree goes below the install: DJL's cache dir name for this PyTorch. */
  readonly libtorchRel: string;
  readonly dockerfile: string;
  readonly entrypoint: string;
  readonly opensearchYml: string;
}

export async function gatherImageInputs(
  prepared: PreparedVersion,
  baseImage: string,
  securityPlugin: boolean,
): Promise<ImageInputs> {
  return {
    version: prepared.version,
    baseImage,
    securityPlugin,
    jdk: await listTree(prepared.jdk.home),
    install: await listTree(prepared.install.home, { exclude: [...INSTALL_MARKERS, 'config/opensearch.yml'] }),
    libtorch: await listTree(prepared.libtorchDir, { exclude: [LIBTORCH_MARKER] }),
    libtorchRel: `data/ml_cache/pytorch/${djlLibtorchDirName(prepared.line.pytorchVersion)}`,
    dockerfile: renderDockerfile(baseImage),
    entrypoint: await readFile(ENTRYPOINT_SOURCE, 'utf8'),
    opensearchYml: IMAGE_OPENSEARCH_YML,
  };
}

export interface ContentKey {
  readonly key: string;
  /** Trees whose bytes had to be read for the key (first build, or touched files). */
  readonly hashedTrees: readonly string[];
}

/**
 * sha256 over the recipe, the version, the base image (named by its root filesystem's digest), the three texts and
 * the content digests of the JDK, install and libtorch trees.
 */
export async function contentKey(inputs: ImageInputs, baseDigest: string, digestCache: string): Promise<ContentKey> {
  const hashedTrees: string[] = [];
  const trees: Record<string, string> = {};
  for (const [name, tree] of [
    ['jdk', inputs.jdk],
    ['install', inputs.install],
    ['libtorch', inputs.libtorch],
  ] as const) {
    const result = await digestTree(tree, digestCache);
    trees[name] = result.digest;
    if (!result.fromCache) {
      hashedTrees.push(tree.root);
    }
  }
  const material = {
    recipe: IMAGE_RECIPE,
    version: inputs.version,
    base: baseDigest,
    securityPlugin: inputs.securityPlugin,
    libtorchRel: inputs.libtorchRel,
    dockerfile: inputs.dockerfile,
    entrypoint: inputs.entrypoint,
    opensearchYml: inputs.opensearchYml,
    trees,
  };
  return { key: createHash('sha256').update(JSON.stringify(material)).digest('hex'), hashedTrees };
}
