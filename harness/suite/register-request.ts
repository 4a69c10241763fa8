/**
 * The register-model request for a card (or a negative case): name left to the lifecycle driver (run-scoped),
 * URL from the artifact server, hash from the card unless a check deliberately omits or corrupts it. A card's own
 * zip also rides along as `artifact` (never sent): the upload path sends it in chunks instead of the URL.
 */
import { statSync } from 'node:fs';
import { localZipPath } from '../artifacts/artifact-cache.ts';
import type { LifecycleRegisterRequest } from '../lifecycle/lifecycle-types.ts';
import type { UploadArtifact } from '../lifecycle/upload-registration.ts';
import type { ModelFormat } from '../artifacts/model-format.ts';
import type { ModelCard, ModelConfig } from '../models/model-card.ts';
import { artifactUrl } from './artifact-urls.ts';

export interface RegisterOverrides {
  /** `card` (default): the card's sha256; `omit`: no hash at all; any other string is sent as the hash. */
  readonly hash?: 'card' | 'omit' | (string & {});
  readonly modelConfig?: ModelConfig;
  readonly format?: ModelFormat;
  /** Artifact digest whose published URL is used (default: the card's own artifact). */
  readonly artifactSha256?: string;
  readonly url?: string;
  readonly groupId?: string;
  readonly name?: string;
}

/** A valid sha256 that matches no artifact: flips the last hex digit of the real one. */
export function corruptedHash(sha256: string): string {
  const last = sha256.at(-1) === '0' ? '1' : '0';
  return `${sha256.slice(0, -1)}${last}`;
}

/** The card's zip on this machine (committed, or the cached download of a URL artifact). */
export function uploadArtifactOf(card: ModelCard): UploadArtifact | undefined {
  const path = localZipPath(card.artifact);
  if (path === undefined) {
    return undefined;
  }
  const size = card.artifact.kind === 'file' ? card.artifact.size : statSync(path).size;
  return { path, sha256: card.artifact.sha256, size };
}

export function registerRequestFor(card: ModelCard, overrides: RegisterOverrides = {}): LifecycleRegisterRequest {
  const sha256 = overrides.artifactSha256 ?? card.artifact.sha256;
  const artifact = overrides.artifactSha256 === undefined ? uploadArtifactOf(card) : undefined;
  const hash = overrides.hash ?? 'card';
  const request: LifecycleRegisterRequest = {
    version: card.version,
    description: card.description,
    model_format: overrides.format ?? card.format,
    model_config: overrides.modelConfig ?? card.modelConfig,
    url: overrides.url ?? artifactUrl(sha256, card.file),
    ...(hash === 'omit' ? {} : { model_content_hash_value: hash === 'card' ? card.artifact.sha256 : hash }),
    ...(overrides.groupId === undefined ? {} : { model_group_id: overrides.groupId }),
    ...(overrides.name === undefined ? {} : { name: overrides.name }),
    ...(artifact === undefined ? {} : { artifact }),
  };
  return request;
}
