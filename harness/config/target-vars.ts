/** Which live target runs, at which versions, and how the cluster reaches the harness's artifact server. */
import { integer, oneOf, text, versionList } from './env-var.ts';

export const TARGET_KINDS = ['auto', 'native', 'container', 'external', 'none'] as const;

/** How models are registered: by URL (the cluster downloads the zip), by chunked upload, or whichever works. */
export const REGISTER_VIA = ['auto', 'url', 'upload'] as const;

export const TARGET_VARS = {
  ML_TARGET: oneOf(TARGET_KINDS, {
    doc: 'the live target; a forced one that cannot work fails the live checks instead of skipping them',
    fallback: 'auto',
    problem: (raw) => `${JSON.stringify(raw)} is not a target; use one of: ${TARGET_KINDS.join(', ')}`,
  }),
  OPENSEARCH_VERSIONS: versionList({
    doc: 'versions for the native/container live projects',
    shownDefault: '`2.19.6,3.6.0`',
  }),
  OPENSEARCH_VERSION: versionList({ doc: 'read when OPENSEARCH_VERSIONS is unset', shownDefault: '—' }),
  OMLC_ARTIFACT_HOST: text({ doc: 'address the artifact server listens on', fallback: '127.0.0.1' }),
  OMLC_ARTIFACT_PORT: integer({
    doc: 'port of the artifact server (0: a free one)',
    min: 0,
    max: 65_535,
    fallback: 0,
    shownDefault: 'random port',
    problem: (raw) => `${JSON.stringify(raw)} is not a port number (0–65535; 0 picks a free one)`,
  }),
  OMLC_ARTIFACT_BASE_URL: text({ doc: 'URL under which a remote cluster reaches the artifact server' }),
  OMLC_REGISTER_VIA: oneOf(REGISTER_VIA, {
    doc: 'how models are registered: url, upload (chunked, no URL), or auto (url where it works, else upload)',
    fallback: 'auto',
    problem: (raw) => `${JSON.stringify(raw)} is not a registration path; use one of: ${REGISTER_VIA.join(', ')}`,
  }),
} as const;
