/** Which live target runs, at which versions, and how the cluster reaches the harness's artifact server. */
import { KNN_ENGINES } from '../neural/index-spec.ts';
import { EnvValueError, integer, oneOf, text, versionList, type EnvVar } from './env-var.ts';

export const TARGET_KINDS = ['auto', 'native', 'container', 'external', 'none'] as const;
type TargetKindName = (typeof TARGET_KINDS)[number];
/** The kinds that start their own cluster per version, so one run can compare them side by side. */
const COMBINABLE: readonly TargetKindName[] = ['native', 'container'];

/**
 * One target, or several kinds that start clusters (`native,container`): each kind then gets its own live projects
 * (`live:native:<v>`, `live:container:<v>`), so one run yields one report with both.
 */
function targetKinds(doc: string): EnvVar<readonly TargetKindName[]> {
  return {
    type: `one of ${TARGET_KINDS.join(', ')}, or a list of ${COMBINABLE.join(', ')}`,
    doc,
    shownDefault: 'auto',
    secret: false,
    unset: () => ['auto'],
    parse(raw) {
      const words = raw
        .split(',')
        .map((word) => word.trim().toLowerCase())
        .filter((word) => word !== '');
      const kinds = words.map((word) => TARGET_KINDS.find((kind) => kind === word));
      if (words.length === 0 || kinds.some((kind) => kind === undefined)) {
        throw new EnvValueError(`${JSON.stringify(raw)} is not a target; use one of: ${TARGET_KINDS.join(', ')}`);
      }
      const found = kinds.filter((kind) => kind !== undefined);
      if (
        found.length > 1 &&
        (found.some((kind) => !COMBINABLE.includes(kind)) || new Set(found).size < found.length)
      ) {
        throw new EnvValueError(
          `${JSON.stringify(raw)} combines targets that cannot run side by side; only ${COMBINABLE.join(' and ')} ` +
            `can be listed together (e.g. ${COMBINABLE.join(',')}), each once`,
        );
      }
      return found;
    },
  };
}

/** How models are registered: by URL (the cluster downloads the zip), by chunked upload, or whichever works. */
export const REGISTER_VIA = ['auto', 'url', 'upload'] as const;

export const TARGET_VARS = {
  ML_TARGET: targetKinds(
    'the live target(s); a forced one that cannot work fails the live checks instead of skipping them',
  ),
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
  OMLC_KNN_ENGINE: oneOf(KNN_ENGINES, {
    doc: 'k-NN engine of the indices the neural checks create (native and simulator: lucene only)',
    fallback: 'lucene',
  }),
  OMLC_REGISTER_VIA: oneOf(REGISTER_VIA, {
    doc: 'how models are registered: url, upload (chunked, no URL), or auto (url where it works, else upload)',
    fallback: 'auto',
    problem: (raw) => `${JSON.stringify(raw)} is not a registration path; use one of: ${REGISTER_VIA.join(', ')}`,
  }),
} as const;
