/**
 * What ML Commons answers, per version, in the situations the suites provoke. Data, not branches: a suite asks
 * `expectedBehaviour('missing-hash', target.version)` and asserts whatever comes back. Sources are in
 * ../shared/docs/ml-commons-behavior.md §4. Every entry whose range covers a recorded version (fixtures/recordings/:
 * 2.19.6, 3.6.0) is checked against that recording by expected-behaviour.test.ts; entries only for older versions
 * come from the documentation and the ML Commons sources.
 */
import { OmlcError } from '../errors/omlc-error.ts';
import semver from 'semver';

export type BehaviourName =
  | 'url-registration-disabled'
  | 'untrusted-url'
  | 'missing-hash'
  | 'wrong-hash'
  | 'predict-before-deploy'
  | 'delete-deployed-model'
  | 'delete-group-with-models'
  | 'unknown-model'
  | 'unknown-task'
  | 'unknown-group'
  | 'delete-unknown-group'
  | 'empty-text-docs'
  | 'duplicate-group-name'
  | 'asymmetric-without-content-type'
  | 'content-type-on-symmetric'
  | 'vector-dimension-mismatch'
  | 'local-file-registration-disabled'
  | 'local-file-upload-disabled'
  | 'upload-wrong-hash'
  | 'upload-chunk-missing'
  | 'upload-last-chunk-missing'
  | 'upload-chunk-out-of-range';

export interface Behaviour {
  /** HTTP status of the response, or `task` when the failure is reported by a FAILED task (register or deploy). */
  readonly status: number | 'task';
  /** Text the error must contain; `{id}` is replaced by the id the request used. */
  readonly text: string;
}

interface Entry extends Behaviour {
  readonly name: BehaviourName;
  readonly versions: string;
}

const MISSING_HASH_NEW =
  'Model content Hash code need to be provided when register via url. Please calculate sha 256 Hash code.';

const TABLE: readonly Entry[] = [
  {
    name: 'url-registration-disabled',
    versions: '*',
    status: 400,
    text: 'To upload custom model user needs to enable allow_registering_model_via_url settings. Otherwise please use OpenSearch pre-trained models.',
  },
  { name: 'untrusted-url', versions: '*', status: 400, text: "URL can't match trusted url regex" },
  { name: 'missing-hash', versions: '>=2.15.0', status: 'task', text: MISSING_HASH_NEW },
  { name: 'missing-hash', versions: '<2.15.0', status: 'task', text: 'model content changed' },
  { name: 'wrong-hash', versions: '*', status: 'task', text: 'model content changed' },
  {
    name: 'predict-before-deploy',
    versions: '>=2.14.0',
    status: 400,
    text: 'Model not ready yet. Please deploy the model first.',
  },
  {
    name: 'predict-before-deploy',
    versions: '<2.14.0',
    status: 400,
    text: 'Model not ready yet. Please run this first: POST /_plugins/_ml/models/{id}/_deploy',
  },
  {
    name: 'delete-deployed-model',
    versions: '*',
    status: 400,
    text: 'Model cannot be deleted in deploying or deployed state. Try undeploy model first then delete',
  },
  {
    name: 'delete-group-with-models',
    versions: '>=2.19.0',
    status: 409,
    text: 'Cannot delete the model group when it has associated model versions',
  },
  {
    name: 'delete-group-with-models',
    versions: '<2.19.0',
    status: 500,
    text: 'Cannot delete the model group when it has associated model versions',
  },
  { name: 'unknown-model', versions: '*', status: 404, text: 'Failed to find model with the provided model id: {id}' },
  { name: 'unknown-task', versions: '*', status: 404, text: 'Failed to find task' },
  {
    name: 'unknown-group',
    versions: '*',
    status: 404,
    text: 'Failed to find model group with the provided model group id: {id}',
  },
  // Recorded on 2.19.6 and 3.6.0: once the group index exists, deleting an unknown id answers 200 with
  // `"result": "not_found"` (a 404 only when no group was ever created). Older versions were not recorded.
  { name: 'delete-unknown-group', versions: '>=2.19.0', status: 200, text: 'not_found' },
  { name: 'empty-text-docs', versions: '*', status: 400, text: 'Empty text docs' },
  {
    name: 'duplicate-group-name',
    versions: '*',
    status: 400,
    text: 'The name you provided is already being used by a model group with ID: {id}.',
  },
  {
    name: 'asymmetric-without-content-type',
    versions: '>=2.13.0',
    status: 500,
    text: 'The embedding model chosen is asymmetric. To use it, you must declare whether the input is of type `QUERY` or of type `PASSAGE`.',
  },
  {
    name: 'content-type-on-symmetric',
    versions: '>=2.14.0',
    status: 500,
    text: 'When passing AsymmetricTextEmbeddingParameters, the model requires to be registered with at least one of `query_prefix` or `passage_prefix`.',
  },
  // k-NN's KNNValidationUtil, recorded on 2.19.6 and 3.6.0 (status of the `_bulk` item; a single PUT is the same 400).
  {
    name: 'vector-dimension-mismatch',
    versions: '*',
    status: 400,
    text: 'Vector dimension mismatch. Expected: {expected}, Given: {given}',
  },
  // Chunked upload: recorded on 2.19.6 and 3.6.0 (fixtures/recordings/*/upload.json); the REST handlers and
  // MLModelChunkUploader have the same texts in older lines' sources.
  {
    name: 'local-file-registration-disabled',
    versions: '*',
    status: 400,
    text: 'To upload custom model from local file, user needs to enable allow_registering_model_via_local_file settings. Otherwise please use opensearch pre-trained models',
  },
  {
    name: 'local-file-upload-disabled',
    versions: '*',
    status: 400,
    text: 'To upload custom model from local file, user needs to enable allow_registering_model_via_local_file settings. Otherwise please use opensearch pre-trained models.',
  },
  // Deploy task errors (the hash and the chunks are only looked at when the model is deployed).
  { name: 'upload-wrong-hash', versions: '*', status: 'task', text: 'model content changed' },
  { name: 'upload-chunk-missing', versions: '*', status: 'task', text: 'Failed to deploy model' },
  // `{id}`: the missing chunk document, `<modelId>_<n>` — only when it is the last one.
  { name: 'upload-last-chunk-missing', versions: '*', status: 'task', text: 'Fail to find model chunk {id}' },
  { name: 'upload-chunk-out-of-range', versions: '*', status: 500, text: 'Chunk number exceeds total chunks' },
];

class UnknownBehaviourError extends OmlcError<'unknown-behaviour'> {
  override name = 'UnknownBehaviourError';
}

/** `{id}` in the text is replaced by `id`, any other `{name}` by `vars[name]`. */
export function expectedBehaviour(
  name: BehaviourName,
  version: string,
  id = '',
  vars: Readonly<Record<string, string | number>> = {},
): Behaviour {
  const plain = semver.coerce(version)?.version ?? version;
  const entry = TABLE.find((e) => e.name === name && semver.satisfies(plain, e.versions));
  if (entry === undefined) {
    throw new UnknownBehaviourError('unknown-behaviour', `no documented behaviour "${name}" for OpenSearch ${version}`);
  }
  const text = Object.entries(vars).reduce(
    (filled, [key, value]) => filled.replaceAll(`{${key}}`, String(value)),
    entry.text.replaceAll('{id}', id),
  );
  return { status: entry.status, text };
}
