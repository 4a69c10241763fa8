import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../simulator.ts';
import { startTestArtifactServer, type TestArtifactServer } from '../test-support/artifact-server.ts';
import { testClient, type TestClient } from '../test-support/client.ts';
import { createFakeBackend, fakeVector, type FakeBackend } from '../test-support/fake-backend.ts';
import { at, nums, str } from '../test-support/json.ts';
import { allowDevRegistration, ASYMMETRIC_CONFIG, deployedModel, SYMMETRIC_CONFIG } from '../test-support/lifecycle.ts';
import { useMswServer } from '../test-support/msw.ts';
import { modelZip } from '../test-support/zips.ts';
import { knnScore } from './scoring.ts';

const BASE = 'http://127.0.0.1:9200';
const msw = useMswServer();
let artifacts: TestArtifactServer;

beforeAll(async () => {
  artifacts = await startTestArtifactServer();
});
afterAll(async () => {
  await artifacts.close();
});

describe('knnScore (lucene engine formulas)', () => {
  const q = [1, 0];
  it.for([
    ['l2', [1, 0], 1],
    ['l2', [0.6, 0.8], 1 / 1.8],
    ['cosinesimil', [1, 0], 1],
    ['cosinesimil', [0.6, 0.8], 0.8],
    ['cosinesimil', [-1, 0], 0],
    ['innerproduct', [1, 0], 2],
    ['innerproduct', [0.6, 0.8], 1.6],
    ['innerproduct', [-1, 0], 0.5],
  ] as const)('%s %j → %d', ([space, doc, score]) => {
    expect(knnScore(space, q, doc)).toBeCloseTo(score, 6);
  });

  it('reproduces scores recorded on 2.19.6/3.6.0 for unit vectors at cosine 0.76013', () => {
    // Two unit vectors at that angle: the recorded answers were 0.88006514 (cosinesimil), 0.67579466 (l2), 1.7601303.
    const cos = 0.76013;
    const doc = [cos, Math.sqrt(1 - cos * cos)];
    expect(knnScore('cosinesimil', q, doc)).toBeCloseTo(0.880065, 5);
    expect(knnScore('l2', q, doc)).toBeCloseTo(0.675795, 5);
    expect(knnScore('innerproduct', q, doc)).toBeCloseTo(1.76013, 5);
  });
});

interface Setup {
  readonly sim: Simulator;
  readonly client: TestClient;
  readonly backend: FakeBackend;
  readonly modelId: string;
}

async function setup(profile: '2.19' | '3.x', config: Record<string, unknown>, label: string): Promise<Setup> {
  const backend = createFakeBackend();
  const sim = createSimulator({ profile, baseUrl: BASE, inference: backend });
  msw.install(sim);
  const client = testClient(BASE);
  await allowDevRegistration(client);
  const zip = modelZip('ONNX', `neural-${label}`);
  const url = artifacts.publish(`neural-${label}.zip`, zip);
  const modelId = await deployedModel(client, { url, zip, config, name: `neural-${label}` });
  return { sim, client, backend, modelId };
}

async function createIndex(client: TestClient, name: string, dimension: number, pipeline: string): Promise<void> {
  const response = await client.put(`/${name}`, {
    settings: { index: { knn: true, default_pipeline: pipeline, number_of_shards: 1, number_of_replicas: 0 } },
    mappings: {
      properties: {
        text: { type: 'text' },
        embedding: {
          type: 'knn_vector',
          dimension,
          method: { name: 'hnsw', engine: 'lucene', space_type: 'cosinesimil' },
        },
      },
    },
  });
  expect(response.body).toEqual({ acknowledged: true, shards_acknowledged: true, index: name });
}

async function bulk(texts: Record<string, string>, index: string): Promise<{ status: number; body: unknown }> {
  const lines = Object.entries(texts).flatMap(([id, text]) => [{ index: { _index: index, _id: id } }, { text }]);
  const response = await fetch(`${BASE}/_bulk?refresh=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`,
  });
  return { status: response.status, body: await response.json() };
}

const pipelineBody = (modelId: string) => ({
  description: 'neural test',
  processors: [{ text_embedding: { model_id: modelId, field_map: { text: 'embedding' } } }],
});

const CORPUS = { a: 'the water is very long', b: 'a cat sleeps', c: 'books and their first words' };

describe.for(['2.19', '3.x'] as const)('neural search on profile %s', (profile) => {
  it('pipeline, lucene index, bulk, stored vector == predict, neural and knn queries', async () => {
    const { client, modelId } = await setup(profile, SYMMETRIC_CONFIG, `sym-${profile}`);
    expect((await client.put('/_ingest/pipeline/p1', pipelineBody(modelId))).body).toEqual({ acknowledged: true });
    expect((await client.get('/_ingest/pipeline/p*')).body).toEqual({ p1: pipelineBody(modelId) });
    expect(await client.get('/_ingest/pipeline/nomatch-*')).toEqual({ status: 404, body: {} });
    await createIndex(client, 'idx', 8, 'p1');
    expect(at((await client.get('/idx/_mapping')).body, 'idx', 'mappings', 'properties', 'embedding')).toEqual({
      type: 'knn_vector',
      dimension: 8,
      method: { engine: 'lucene', space_type: 'cosinesimil', name: 'hnsw', parameters: {} },
    });

    const ingested = await bulk(CORPUS, 'idx');
    expect(ingested.status).toBe(200);
    expect(at(ingested.body, 'errors')).toBe(false);
    expect(at(ingested.body, 'items', 0)).toEqual({
      index: {
        _index: 'idx',
        _id: 'a',
        _version: 1,
        result: 'created',
        forced_refresh: true,
        _shards: { total: 1, successful: 1, failed: 0 },
        _seq_no: 0,
        _primary_term: 1,
        status: 201,
      },
    });
    expect(at((await client.get('/idx/_count')).body, 'count')).toBe(3);

    const stored = nums((await client.get('/idx/_doc/a')).body, '_source', 'embedding');
    const predicted = await client.post(`/_plugins/_ml/_predict/text_embedding/${modelId}`, {
      text_docs: [CORPUS.a],
      target_response: ['sentence_embedding'],
    });
    expect(stored).toEqual(nums(predicted.body, 'inference_results', 0, 'output', 0, 'data'));

    const neural = await client.post('/idx/_search', {
      _source: { excludes: ['embedding'] },
      query: { neural: { embedding: { query_text: CORPUS.b, model_id: modelId, k: 3 } } },
    });
    expect(at(neural.body, 'hits', 'hits', 0)).toEqual({
      _index: 'idx',
      _id: 'b',
      _score: 1,
      _source: { text: CORPUS.b },
    });
    expect(at(neural.body, 'hits', 'total')).toEqual({ value: 3, relation: 'eq' });
    const knn = await client.post('/idx/_search', { size: 2, query: { knn: { embedding: { vector: stored, k: 3 } } } });
    // size 2 of k 3: the query's own document first (score 1.0), one more, and the total still counts k.
    expect((at(knn.body, 'hits', 'hits') as unknown[]).map((hit) => at(hit, '_id'))).toEqual(['a', expect.any(String)]);
    expect(at(knn.body, 'hits', 'hits', 0, '_score')).toBe(1);
    expect(at(knn.body, 'hits', 'total', 'value')).toBe(3);
  });

  it('a field of another dimension fails ingest with the k-NN dimension error, single and bulk', async () => {
    const { client, modelId } = await setup(profile, SYMMETRIC_CONFIG, `dim-${profile}`);
    await client.put('/_ingest/pipeline/p1', pipelineBody(modelId));
    await createIndex(client, 'wrong', 9, 'p1');
    const single = await client.put('/wrong/_doc/1?refresh=true', { text: CORPUS.a });
    expect(single.status).toBe(400);
    expect(at(single.body, 'error', 'caused_by')).toEqual({
      type: 'illegal_argument_exception',
      reason: 'Vector dimension mismatch. Expected: 9, Given: 8',
    });
    expect(at(single.body, 'error', 'root_cause', 0, 'type')).toBe('mapper_parsing_exception');
    const items = await bulk({ two: CORPUS.a }, 'wrong');
    expect(at(items.body, 'errors')).toBe(true);
    expect(at(items.body, 'items', 0, 'index')).toEqual({
      _index: 'wrong',
      _id: 'two',
      status: 400,
      error: {
        type: 'mapper_parsing_exception',
        reason:
          "failed to parse field [embedding] of type [knn_vector] in document with id 'two'. Preview of field's value: 'null'",
        caused_by: { type: 'illegal_argument_exception', reason: 'Vector dimension mismatch. Expected: 9, Given: 8' },
      },
    });
  });

  it('asymmetric models: 2.19 cannot ingest, 3.x embeds passages at ingest and queries as queries', async () => {
    const { client, modelId, backend } = await setup(profile, ASYMMETRIC_CONFIG, `asym-${profile}`);
    await client.put('/_ingest/pipeline/p1', pipelineBody(modelId));
    await createIndex(client, 'asym', 8, 'p1');
    const items = await bulk({ a: CORPUS.a }, 'asym');
    if (profile === '2.19') {
      expect(at(items.body, 'items', 0, 'index', 'status')).toBe(500);
      expect(at(items.body, 'items', 0, 'index', 'error', 'caused_by', 'reason')).toMatch(/asymmetric/);
      const query = await client.post('/asym/_search', {
        query: { neural: { embedding: { query_text: CORPUS.a, model_id: modelId, k: 1 } } },
      });
      expect(query.status).toBe(500);
      return;
    }
    expect(at(items.body, 'errors')).toBe(false);
    expect(nums((await client.get('/asym/_doc/a')).body, '_source', 'embedding')).toEqual(
      fakeVector(`passage: ${CORPUS.a}`, 8).map(Math.fround),
    );
    backend.calls.length = 0;
    const query = await client.post('/asym/_search', {
      query: { neural: { embedding: { query_text: CORPUS.a, model_id: modelId, k: 1 } } },
    });
    expect(query.status).toBe(200);
    expect(backend.calls.map((call) => [call.texts, call.contentType])).toEqual([[[`query: ${CORPUS.a}`], 'QUERY']]);
  });
});

describe('refusals and misbehaviour switches', () => {
  it('answers missing pipelines and indices like a real node and refuses engine-less k-NN fields', async () => {
    const { client } = await setup('3.x', SYMMETRIC_CONFIG, 'refusals');
    expect(await client.get('/_ingest/pipeline/none')).toEqual({ status: 404, body: {} });
    expect(at((await client.del('/_ingest/pipeline/none')).body, 'error', 'reason')).toBe('pipeline [none] is missing');
    const missing = await client.del('/nosuch');
    expect(missing.status).toBe(404);
    expect(at(missing.body, 'error')).toMatchObject({
      type: 'index_not_found_exception',
      reason: 'no such index [nosuch]',
      index: 'nosuch',
      'resource.type': 'index_or_alias',
    });
    expect(at((await client.get('/nosuch/_doc/1')).body, 'error', 'resource.type')).toBe('index_expression');
    const faiss = await client.put('/faiss', {
      mappings: { properties: { v: { type: 'knn_vector', dimension: 2 } } },
    });
    expect(faiss.status).toBe(400);
    expect(str(faiss.body, 'error', 'reason')).toMatch(/^not supported by the simulator: .*default: faiss/);
    expect((await client.get('/_cat/indices/omlc-*?format=json&h=index')).body).toEqual([]);
  });

  it('perturbs stored vectors, reverses hits and skips the dimension check when told to', async () => {
    const { sim, client, modelId } = await setup('3.x', SYMMETRIC_CONFIG, 'misbehave');
    await client.put('/_ingest/pipeline/p1', pipelineBody(modelId));
    await createIndex(client, 'm', 8, 'p1');
    sim.faults.misbehave({ perturbStoredVector: 0.01, reverseSearchHits: true });
    await bulk(CORPUS, 'm');
    const stored = nums((await client.get('/m/_doc/a')).body, '_source', 'embedding');
    expect(stored[0]).toBeCloseTo((fakeVector(CORPUS.a, 8)[0] ?? 0) + 0.01, 5);
    const hits = await client.post('/m/_search', {
      query: { neural: { embedding: { query_text: CORPUS.a, model_id: modelId, k: 3 } } },
    });
    expect(at(hits.body, 'hits', 'hits', 2, '_id')).toBe('a');
    sim.faults.misbehave({ skipVectorDimensionCheck: true });
    await createIndex(client, 'w', 9, 'p1');
    expect((await client.put('/w/_doc/1', { text: CORPUS.a })).status).toBe(201);
  });
});
