import { Client } from '@opensearch-project/opensearch';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../simulator.ts';
import { testClient } from '../test-support/client.ts';
import { createFakeBackend } from '../test-support/fake-backend.ts';
import { at, str } from '../test-support/json.ts';
import { allowDevRegistration, registerAndWait } from '../test-support/lifecycle.ts';
import { useMswServer } from '../test-support/msw.ts';
import { modelZip } from '../test-support/zips.ts';
import { executeSearch } from './response.ts';

const BASE = 'http://127.0.0.1:9200';
const URL = 'http://127.0.0.1:1/model.zip';
const msw = useMswServer();

async function withModels(names: string[]) {
  const zip = modelZip('ONNX');
  const sim = createSimulator({
    profile: '3.x',
    baseUrl: BASE,
    inference: createFakeBackend(),
    fetchArtifact: () => Promise.resolve(zip),
  });
  msw.install(sim);
  const client = testClient(BASE);
  await allowDevRegistration(client);
  const ids: string[] = [];
  for (const name of names) {
    ids.push(str(await registerAndWait(client, { url: URL, zip, name }), 'model_id'));
  }
  const search = async (body: unknown): Promise<{ ids: unknown[]; total: unknown; status: number; body: unknown }> => {
    const response = await client.post('/_plugins/_ml/models/_search', body);
    const hits = (at(response.body, 'hits', 'hits') as unknown[] | undefined) ?? [];
    return {
      ids: hits.map((hit) => at(hit, '_id')),
      total: at(response.body, 'hits', 'total', 'value'),
      status: response.status,
      body: response.body,
    };
  };
  return { sim, client, ids, search };
}

describe('models _search', () => {
  it('supports the queries the harness sends and returns OpenSearch-shaped hits', async () => {
    const { ids, search, sim } = await withModels(['run-42-alpha', 'run-42-beta', 'other Model']);
    const [alpha, beta, other] = ids;

    // Each registered model has one chunk document, which a model search returns too, right after its model.
    const everything = await search({ query: { match_all: {} } });
    expect(everything.ids).toEqual(ids.flatMap((id) => [id, `${String(id)}_0`]));
    // A URL-registered model's chunk carries its name (not its group), as the register task writes it.
    expect(at(everything.body, 'hits', 'hits', 1, '_source')).toEqual({
      name: 'run-42-alpha',
      model_version: '1',
      chunk_number: 0,
      model_format: 'ONNX',
      model_id: alpha,
      total_chunks: 1,
      algorithm: 'TEXT_EMBEDDING',
      created_time: expect.any(Number) as number,
      last_updated_time: expect.any(Number) as number,
    });
    const all = await search({ query: { bool: { must_not: [{ exists: { field: 'chunk_number' } }] } } });
    expect(all.ids).toEqual(ids);
    expect(all.body).toMatchObject({
      timed_out: false,
      _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
      hits: { total: { value: 3, relation: 'eq' }, max_score: 1 },
    });
    expect(at(all.body, 'hits', 'hits', 0)).toEqual({
      _index: '.plugins-ml-model',
      _id: alpha,
      _version: sim.state.models.get(alpha ?? '')?.version,
      _seq_no: expect.any(Number) as number,
      _primary_term: 1,
      _score: 1,
      _source: structuredClone(sim.state.models.get(alpha ?? '')?.doc),
    });

    // A URL-registered model's chunk documents repeat its name, so name queries find them too.
    const chunk = (id: unknown): string => `${String(id)}_0`;
    expect((await search({ query: { term: { 'name.keyword': 'run-42-beta' } } })).ids).toEqual([beta, chunk(beta)]);
    expect((await search({ query: { term: { 'name.keyword': { value: 'RUN-42-BETA' } } } })).ids).toEqual([]);
    expect((await search({ query: { prefix: { 'name.keyword': 'run-42-' } } })).ids).toEqual([
      alpha,
      chunk(alpha),
      beta,
      chunk(beta),
    ]);
    expect((await search({ query: { prefix: { 'name.keyword': { value: 'run-42-' } } }, size: 1 })).ids).toEqual([
      alpha,
    ]);
    expect((await search({ query: { ids: { values: [other, 'missing'] } } })).ids).toEqual([other]);
    // `name` is analyzed text: term matches a lower-cased token.
    expect((await search({ query: { term: { name: 'model' } } })).ids).toEqual([other, chunk(other)]);
    expect((await search({ query: { match: { name: 'Model' } } })).ids).toEqual([other, chunk(other)]);
    expect(
      (
        await search({
          query: {
            bool: {
              must: [{ prefix: { 'name.keyword': 'run-42' } }],
              must_not: [{ term: { 'name.keyword': 'run-42-alpha' } }],
              filter: { term: { model_state: 'REGISTERED' } },
            },
          },
        })
      ).ids,
    ).toEqual([beta]);
    expect(
      (await search({ query: { bool: { should: [{ ids: { values: [beta] } }, { term: { 'name.keyword': 'x' } }] } } }))
        .ids,
    ).toEqual([beta]);
    const modelsOnly = { bool: { must_not: [{ exists: { field: 'chunk_number' } }] } };
    const paged = await search({ query: modelsOnly, from: 1, size: 1, sort: [{ 'name.keyword': { order: 'desc' } }] });
    expect(paged.ids).toEqual([alpha]);
    expect(paged.total).toBe(3);
    expect(at(paged.body, 'hits', 'hits', 0, 'sort')).toEqual(['run-42-alpha']);
    expect(at((await search({ _source: ['name'], size: 1 })).body, 'hits', 'hits', 0, '_source')).toEqual({
      name: 'run-42-alpha',
    });
  });

  it('refuses query types it does not implement instead of approximating them', async () => {
    const { search } = await withModels([]);
    const response = await search({ query: { range: { created_time: { gte: 0 } } } });
    expect(response.status).toBe(400);
    expect(at(response.body, 'error', 'reason')).toBe('not supported by the simulator: query type [range] in _search');
  });

  it('refuses a GET whose body MSW dropped, and serves body-less GETs as match_all', async () => {
    await withModels(['x']);
    const client = new Client({ node: BASE, maxRetries: 0 });
    await expect(
      client.transport.request({
        method: 'GET',
        path: '/_plugins/_ml/models/_search',
        body: { query: { ids: { values: [] } } },
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
    const plain = await client.transport.request({ method: 'GET', path: '/_plugins/_ml/models/_search' });
    // The model and its chunk document.
    expect(at(plain.body, 'hits', 'total', 'value')).toBe(2);
    await client.close();
  });

  it('model groups are searchable the same way', async () => {
    const { client } = await withModels(['grouped']);
    const response = await client.post('/_plugins/_ml/model_groups/_search', {
      query: { term: { 'name.keyword': 'grouped' } },
    });
    expect(at(response.body, 'hits', 'hits', 0, '_index')).toBe('.plugins-ml-model-group');
    expect(at(response.body, 'hits', 'hits', 0, '_source', 'latest_version')).toBe(1);
  });
});

describe('executeSearch', () => {
  const docs = [
    { id: 'a', source: { name: 'One Two', model_state: 'DEPLOYED', created_time: 3 } },
    { id: 'b', source: { name: 'two three', model_state: 'REGISTERED', created_time: 1 } },
    { id: 'c', source: { name: 'four', created_time: 2 } },
  ];
  const run = (body: Record<string, unknown>): string[] =>
    executeSearch('i', docs, body).hits.hits.map((hit) => hit._id);

  it('handles exists, terms, numeric sort and minimum_should_match', () => {
    expect(run({ query: { exists: { field: 'model_state' } } })).toEqual(['a', 'b']);
    expect(run({ query: { terms: { model_state: ['REGISTERED', 'X'] } } })).toEqual(['b']);
    expect(run({ sort: ['created_time'] })).toEqual(['b', 'c', 'a']);
    expect(
      run({
        query: { bool: { should: [{ term: { name: 'two' } }, { term: { name: 'one' } }], minimum_should_match: 2 } },
      }),
    ).toEqual(['a']);
  });
});
