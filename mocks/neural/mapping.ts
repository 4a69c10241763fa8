import { nodeId } from '../ids.ts';
import { isObject, type JsonObject } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import type { IndexRecord, KnnField, SpaceType } from './types.ts';

const SPACE_TYPES: readonly SpaceType[] = ['l2', 'cosinesimil', 'innerproduct'];
const PLAIN_TYPES = new Set(['text', 'keyword', 'integer', 'long', 'float', 'double', 'boolean', 'date']);

/**
 * `PUT /<index>` with `settings.index.{knn, default_pipeline, number_of_replicas}` and flat `mappings.properties`.
 * Only `knn_vector` fields with `method: {name: hnsw, engine: lucene}` are simulated: a real node without the k-NN
 * natives (the native target) dies on FAISS, which is also the default engine, so an engine-less field is refused
 * here too instead of being given made-up FAISS semantics.
 */
export function parseCreateIndex(name: string, body: JsonObject): IndexRecord {
  const settings = isObject(body.settings) ? body.settings : {};
  const indexSettings = isObject(settings.index) ? settings.index : settings;
  const mappings = isObject(body.mappings) ? body.mappings : {};
  const properties = isObject(mappings.properties) ? mappings.properties : {};
  const printed: JsonObject = {};
  const knnFields = new Map<string, KnnField>();
  for (const [field, spec] of Object.entries(properties)) {
    if (!isObject(spec) || typeof spec.type !== 'string') {
      throw new HttpError('mappingInvalid', { detail: `No type specified for field [${field}]` });
    }
    if (spec.type === 'knn_vector') {
      const knn = parseKnnField(field, spec);
      knnFields.set(field, knn);
      printed[field] = {
        type: 'knn_vector',
        dimension: knn.dimension,
        method: { engine: knn.engine, space_type: knn.spaceType, name: 'hnsw', parameters: {} },
      };
    } else if (PLAIN_TYPES.has(spec.type)) {
      printed[field] = { type: spec.type };
    } else {
      throw new SimulatorUnsupportedError(`field type [${spec.type}] of [${field}]`);
    }
  }
  const pipeline = indexSettings.default_pipeline;
  return {
    name,
    uuid: nodeId(),
    properties: printed,
    knnFields,
    defaultPipeline: typeof pipeline === 'string' ? pipeline : undefined,
    replicas: Number(indexSettings.number_of_replicas ?? 1),
    docs: new Map(),
    nextSeqNo: 0,
  };
}

function parseKnnField(field: string, spec: JsonObject): KnnField {
  const dimension = spec.dimension;
  if (typeof dimension !== 'number' || !Number.isInteger(dimension) || dimension <= 0) {
    throw new HttpError('mappingInvalid', { detail: `Dimension value missing or invalid for vector: ${field}` });
  }
  const method = isObject(spec.method) ? spec.method : undefined;
  if (method?.engine !== 'lucene') {
    throw new SimulatorUnsupportedError(
      `knn_vector [${field}] with engine ${JSON.stringify(method?.engine ?? '(default: faiss)')} ` +
        '(only method.engine "lucene" is simulated; the default engine needs k-NN native libraries)',
    );
  }
  if (method.name !== 'hnsw') {
    throw new SimulatorUnsupportedError(`knn_vector [${field}] method ${JSON.stringify(method.name)} (only hnsw)`);
  }
  const spaceType = method.space_type ?? 'l2';
  if (typeof spaceType !== 'string' || !(SPACE_TYPES as readonly string[]).includes(spaceType)) {
    throw new SimulatorUnsupportedError(
      `space_type ${JSON.stringify(spaceType)} (simulated: ${SPACE_TYPES.join(', ')})`,
    );
  }
  if (isObject(method.parameters) && Object.keys(method.parameters).length > 0) {
    throw new SimulatorUnsupportedError('hnsw parameters (the simulator searches exhaustively)');
  }
  return { dimension, spaceType: spaceType as SpaceType, engine: 'lucene' };
}
