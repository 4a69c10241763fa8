/**
 * Which image a live project starts. `OMLC_CONTAINER_IMAGE` is usually a repository (a registry mirror, or a derived
 * image with PyTorch natives baked in) and gets the project's version as tag, so `OPENSEARCH_VERSIONS=2.19.1,3.1.0`
 * still starts two versions. A value with its own tag or digest is used as is ("pinned"): the start then checks that
 * the server really is the project's version, because one pinned image cannot serve two versions. `local` names the
 * image this project builds itself from the native target's assembly (no registry needed).
 */
import { ContainerTargetError } from './errors.ts';
import { LOCAL_IMAGE_KEYWORD, localImageRef } from './image/image-spec.ts';

const DEFAULT_IMAGE_REPOSITORY = 'opensearchproject/opensearch';
export const IMAGE_ENV = 'OMLC_CONTAINER_IMAGE';

export interface ImageChoice {
  readonly image: string;
  /** The reference names its own tag or digest, so it may not be `version`. */
  readonly pinned: boolean;
  /** `OMLC_CONTAINER_IMAGE=local`: the image is built on this host before the start (image/build-local-image.ts). */
  readonly local?: true;
}

// Docker reference grammar (distribution/reference), reduced to what a user would type.
const REGISTRY =
  /^(?:localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|[A-Za-z0-9-]+:\d+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+:\d+)$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

function bad(raw: string, why: string): ContainerTargetError {
  return new ContainerTargetError(
    'bad-env',
    `${IMAGE_ENV}=${JSON.stringify(raw)} ${why}; give a repository such as ` +
      `mirror.example.com/${DEFAULT_IMAGE_REPOSITORY} (the project's version becomes the tag), a full reference ` +
      `such as ${DEFAULT_IMAGE_REPOSITORY}:2.19.1, or ${LOCAL_IMAGE_KEYWORD} (built on this host)`,
  );
}

/** Checks `[registry/]path[/path…]` and returns it unchanged. */
function checkRepository(raw: string, repository: string): string {
  const parts = repository.split('/');
  const first = parts[0] ?? '';
  const hasRegistry = parts.length > 1 && REGISTRY.test(first);
  const path = hasRegistry ? parts.slice(1) : parts;
  if (path.length === 0 || path.some((part) => part === '')) {
    throw bad(raw, 'has an empty path component');
  }
  const wrong = path.find((part) => !PATH_COMPONENT.test(part));
  if (wrong !== undefined) {
    throw bad(
      raw,
      `has ${JSON.stringify(wrong)}, which is not a valid repository name component (lowercase letters, digits, . _ -)`,
    );
  }
  return repository;
}

export function resolveImage(version: string, override: string | undefined): ImageChoice {
  if (override === undefined) {
    return { image: `${DEFAULT_IMAGE_REPOSITORY}:${version}`, pinned: false };
  }
  const raw = override;
  const value = override.trim();
  if (value === '') {
    throw bad(raw, 'is empty');
  }
  if (value.toLowerCase() === LOCAL_IMAGE_KEYWORD) {
    return { image: localImageRef(version), pinned: false, local: true };
  }
  if (/\s/.test(value)) {
    throw bad(raw, 'contains whitespace');
  }
  const at = value.indexOf('@');
  if (at >= 0) {
    const digest = value.slice(at + 1);
    if (!DIGEST.test(digest)) {
      throw bad(raw, `has digest ${JSON.stringify(digest)}, expected sha256:<64 lowercase hex digits>`);
    }
    const named = value.slice(0, at);
    const lastSlash = named.lastIndexOf('/');
    const colon = named.indexOf(':', lastSlash + 1);
    checkRepository(raw, colon >= 0 ? named.slice(0, colon) : named);
    return { image: value, pinned: true };
  }
  // A colon after the last slash is a tag; one before it belongs to a registry port (localhost:5000/opensearch).
  const lastSlash = value.lastIndexOf('/');
  const colon = value.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    const tag = value.slice(colon + 1);
    if (!TAG.test(tag)) {
      throw bad(raw, `has tag ${JSON.stringify(tag)}, which is not a valid tag`);
    }
    checkRepository(raw, value.slice(0, colon));
    return { image: value, pinned: true };
  }
  return { image: `${checkRepository(raw, value)}:${version}`, pinned: false };
}
