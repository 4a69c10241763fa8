/**
 * Every wrong behaviour the simulator can play, with the suites that must notice it and the cases that must fail
 * (`<card>:<check>`). suites-detect-misbehaviour.test.ts runs each row once (one nested Vitest run over the row's
 * profiles) and asserts all of its cases; a switch of the simulator without a row fails that test.
 */
import type { HttpErrorKey } from '../../../mocks/index.ts';
import type { ProfileId } from '../../../mocks/profiles/index.ts';
import type { CheckId } from '../../checks/catalog/index.ts';
import type { Misbehaviour } from './misbehaviour.ts';

/** The cards the rows name; the nested runs select only these (ML_CARDS), so they stay fast. */
export const TABLE_CARDS = ['tiny-onnx-sym', 'tiny-onnx-asym', 'tiny-torchscript'] as const;
type TableCard = (typeof TABLE_CARDS)[number];
export type CaseKey = `${TableCard}:${CheckId}`;

export interface MisbehaviourRow {
  readonly name: string;
  readonly misbehave: Misbehaviour;
  readonly suites: readonly string[];
  /** Cases that must fail on every profile of the row. */
  readonly mustFail: readonly CaseKey[];
  /** Default: two profiles on either side of the 2.19 line. */
  readonly profiles?: readonly ProfileId[];
}

/**
 * Switches proven by a self-test of their own instead of a row here, with where: the drift checks need a baseline
 * recorded by a first, well-behaved run, which a row's single nested run cannot give.
 */
export const PROVEN_ELSEWHERE: Readonly<Partial<Record<keyof Misbehaviour, string>>> = {
  rotateEmbedding: 'harness/drift/drift-detects-misbehaviour.test.ts',
};

export const DEFAULT_PROFILES: readonly ProfileId[] = ['3.x', '2.14-2.18'];

const ALL_CARDS = (check: CheckId): CaseKey[] => TABLE_CARDS.map((card): CaseKey => `${card}:${check}`);
const ONNX_CARDS = (check: CheckId): CaseKey[] => [`tiny-onnx-sym:${check}`, `tiny-onnx-asym:${check}`];

/** The refusals the API checks assert, each with the checks that assert it. */
const REFUSALS: Readonly<Partial<Record<HttpErrorKey, readonly CaseKey[]>>> = {
  modelNotReady: ['tiny-onnx-sym:api.predict-before-deploy'],
  deleteDeployedModel: ['tiny-onnx-sym:api.delete-deployed-model'],
  deleteGroupWithModels: ['tiny-onnx-sym:api.delete-group-with-models'],
  modelNotFound: ['tiny-onnx-sym:api.unknown-ids'],
  taskNotFound: ['tiny-onnx-sym:api.unknown-ids'],
  groupNotFound: ['tiny-onnx-sym:api.unknown-ids'],
  emptyTextDocs: ['tiny-onnx-sym:api.empty-text-docs'],
  duplicateGroupName: ['tiny-onnx-sym:api.duplicate-group-name'],
  asymmetricNeedsContentType: ['tiny-onnx-asym:asymmetric.content-type-required'],
  symmetricGivenContentType: ['tiny-onnx-sym:asymmetric.content-type-on-symmetric'],
  urlRegistrationDisabled: ['tiny-onnx-sym:integrity.url-disabled'],
  untrustedUrl: ['tiny-onnx-sym:integrity.untrusted-url'],
};
const REFUSAL_KEYS = Object.keys(REFUSALS) as HttpErrorKey[];
const REFUSAL_CASES = [...new Set(Object.values(REFUSALS).flat())];
const REFUSAL_SUITES = ['suites/api-errors.spec.ts', 'suites/asymmetric.spec.ts', 'suites/integrity.spec.ts'];

/** Task failures of a refused registration (wrong or missing hash, malformed zips). */
const REGISTER_FAILURES: readonly CaseKey[] = [
  ...ALL_CARDS('integrity.wrong-hash'),
  ...ALL_CARDS('integrity.missing-hash'),
  // The negative artifacts lend the model_config of tiny-onnx-sym, which their cases are reported under.
  'tiny-onnx-sym:integrity.negative-artifact',
];

export const MISBEHAVIOUR_TABLE: readonly MisbehaviourRow[] = [
  {
    name: 'embeddings one element too long',
    misbehave: { embeddingDimensionDelta: 1 },
    suites: ['suites/lifecycle.spec.ts'],
    mustFail: [...ALL_CARDS('lifecycle.embedding'), ...ALL_CARDS('lifecycle.reference')],
  },
  {
    name: 'perturbed embeddings',
    misbehave: { perturbEmbedding: 0.01 },
    suites: ['suites/lifecycle.spec.ts'],
    mustFail: ALL_CARDS('lifecycle.reference'),
  },
  {
    name: 'wrong dtype',
    misbehave: { embeddingDataType: 'FLOAT64' },
    suites: ['suites/lifecycle.spec.ts'],
    mustFail: [...ALL_CARDS('lifecycle.embedding'), ...ALL_CARDS('lifecycle.long-input')],
  },
  {
    name: 'NaN in vectors',
    misbehave: { nanInEmbedding: true },
    suites: ['suites/lifecycle.spec.ts'],
    mustFail: [...ALL_CARDS('lifecycle.embedding'), ...ALL_CARDS('lifecycle.reference')],
  },
  {
    name: 'unnormalized vectors for a normalizing card',
    misbehave: { ignoreNormalize: true },
    suites: ['suites/lifecycle.spec.ts'],
    mustFail: [...ONNX_CARDS('lifecycle.embedding'), ...ONNX_CARDS('lifecycle.reference')],
  },
  {
    name: 'deploy FAILED',
    misbehave: { failDeploys: true },
    suites: ['suites/lifecycle.spec.ts'],
    mustFail: ALL_CARDS('lifecycle.deploy'),
  },
  {
    name: 'ignored undeploy',
    misbehave: { ignoreUndeploy: true },
    suites: ['suites/lifecycle.spec.ts'],
    mustFail: ALL_CARDS('lifecycle.undeploy'),
  },
  {
    name: 'query == passage (content type ignored)',
    misbehave: { ignoreContentType: true },
    suites: ['suites/asymmetric.spec.ts'],
    mustFail: ['tiny-onnx-asym:asymmetric.divergence', 'tiny-onnx-asym:asymmetric.content-type-required'],
  },
  {
    name: 'hash not checked',
    misbehave: { skipHashCheck: true },
    suites: ['suites/integrity.spec.ts'],
    mustFail: [...ALL_CARDS('integrity.wrong-hash'), ...ALL_CARDS('integrity.missing-hash')],
  },
  {
    name: 'zip not linted',
    misbehave: { skipZipLint: true },
    suites: ['suites/integrity.spec.ts'],
    mustFail: ['tiny-onnx-sym:integrity.negative-artifact'],
  },
  {
    name: 'leaked model after a failed register',
    misbehave: { keepModelAfterFailedRegister: true },
    suites: ['suites/integrity.spec.ts'],
    mustFail: REGISTER_FAILURES,
  },
  {
    name: 'wrong error status on every refusal the API checks assert',
    misbehave: { errorStatus: Object.fromEntries(REFUSAL_KEYS.map((key) => [key, 422])) },
    suites: REFUSAL_SUITES,
    mustFail: REFUSAL_CASES,
  },
  {
    name: 'wrong error text on every refusal and register task failure',
    misbehave: { rewordErrors: REFUSAL_KEYS, rewordTaskErrors: true },
    suites: REFUSAL_SUITES,
    mustFail: [...REFUSAL_CASES, ...REGISTER_FAILURES],
  },
  {
    name: 'stored vectors differ from _predict',
    misbehave: { perturbStoredVector: 0.01 },
    suites: ['suites/neural.spec.ts'],
    // knn-query and exact-match score against what is stored, so only the stored-vector check may notice.
    mustFail: ['tiny-onnx-sym:neural.stored-vector', 'tiny-torchscript:neural.stored-vector'],
    profiles: ['3.x'],
  },
  {
    name: 'k-NN hits come back worst first',
    misbehave: { reverseSearchHits: true },
    suites: ['suites/neural.spec.ts'],
    mustFail: [
      'tiny-onnx-sym:neural.exact-match',
      'tiny-onnx-sym:neural.knn-query',
      'tiny-onnx-asym:neural.exact-match',
    ],
    profiles: ['3.x'],
  },
  {
    name: 'no dimension check at ingest, neural query embedded as a passage',
    misbehave: { skipVectorDimensionCheck: true, neuralQueryAsPassage: true },
    suites: ['suites/neural.spec.ts'],
    mustFail: [
      'tiny-onnx-sym:neural.dimension-mismatch',
      'tiny-torchscript:neural.dimension-mismatch',
      'tiny-onnx-asym:neural.query-content-type',
    ],
    profiles: ['3.x'],
  },
  {
    name: 'asymmetric ingest works on 2.19 (as if neural-search passed a content type)',
    misbehave: { neuralContentTypeBefore35: true },
    suites: ['suites/neural.spec.ts'],
    mustFail: ['tiny-onnx-asym:neural.asymmetric-ingest-before-3.5'],
    profiles: ['2.19'],
  },
  {
    name: 'uploaded models deployed without comparing the hash',
    misbehave: { skipUploadHashCheck: true },
    suites: ['suites/upload.spec.ts'],
    mustFail: ['tiny-onnx-sym:upload.wrong-hash'],
    profiles: ['3.x'],
  },
  {
    name: 'total_chunks ignored (chunk numbers past it accepted, gaps joined at deploy)',
    misbehave: { ignoreTotalChunks: true },
    suites: ['suites/upload.spec.ts'],
    mustFail: [
      'tiny-onnx-sym:upload.chunk-out-of-range',
      'tiny-onnx-sym:upload.missing-chunk',
      'tiny-onnx-sym:upload.count-mismatch',
      'tiny-onnx-sym:upload.deploy-before-last-chunk',
    ],
    profiles: ['3.x'],
  },
  {
    name: 'chunk documents kept after the model is deleted',
    misbehave: { keepChunksAfterDelete: true },
    suites: ['suites/upload.spec.ts'],
    mustFail: ['tiny-onnx-sym:upload.nothing-left', 'tiny-onnx-sym:upload.delete', 'tiny-torchscript:upload.delete'],
    profiles: ['3.x'],
  },
];
