import { describe, expect, it } from 'vitest';
import { ResourceLedger } from '../lifecycle/resource-ledger.ts';
import { MlHttpError } from '../ml/errors.ts';
import type { BulkDocument } from './neural-api.ts';
import { attachNeuralFixture, createNeuralFixture, neuralFixtureNames, type NeuralClient } from './neural-fixture.ts';

/** Records calls and what the ledger held at the moment of each call. */
function fakeClient(ledger: ResourceLedger, calls: string[]): NeuralClient {
  const at = (call: string) => {
    calls.push(`${call} [ledger: ${ledger.pending.map((r) => r.kind).join(',')}]`);
  };
  const unused = () => Promise.reject(new Error('not used by this test'));
  return {
    putPipeline: (id) => Promise.resolve(at(`putPipeline ${id}`)),
    createIndex: (name) => Promise.resolve(at(`createIndex ${name}`)),
    deletePipeline: (id) => Promise.resolve(at(`deletePipeline ${id}`)),
    deleteIndex: (name) =>
      name.endsWith('gone-index')
        ? Promise.reject(new MlHttpError({ status: 404, method: 'DELETE', path: `/${name}`, body: {} }))
        : Promise.resolve(at(`deleteIndex ${name}`)),
    bulkIndex: (index: string, docs: readonly BulkDocument[]) =>
      Promise.resolve({
        took: 1,
        errors: false,
        items: docs.map((d) => ({ index: { _index: index, _id: d.id, status: 201, result: 'created' } })),
      }),
    getDocument: (index: string, id: string) =>
      Promise.resolve({
        _index: index,
        _id: id,
        found: true,
        _source: id === 'no-vector' ? { text: 't' } : { text: 't', embedding: [0.6, 0.8] },
      }),
    getPipelines: unused,
    getMapping: unused,
    indexDocument: unused,
    countDocuments: unused,
    searchIndex: unused,
    listIndices: unused,
    listPlugins: unused,
  };
}

describe('neuralFixtureNames', () => {
  it('puts the run id right after the prefix, like every other resource name', () => {
    expect(neuralFixtureNames('r1-abcd', 'neural-tiny')).toEqual({
      pipelineId: 'omlc-r1-abcd-neural-tiny-neural-pipeline',
      indexName: 'omlc-r1-abcd-neural-tiny-neural-index',
    });
    expect(neuralFixtureNames('r1-abcd', 'upgrade', 'before').indexName).toBe('omlc-r1-abcd-upgrade-before-index');
  });
});

describe('createNeuralFixture', () => {
  it('tracks each resource before the request that creates it, and releases index before pipeline', async () => {
    const ledger = new ResourceLedger();
    const calls: string[] = [];
    const client = fakeClient(ledger, calls);
    const names = neuralFixtureNames('r1-abcd', 'scope');
    await createNeuralFixture({ client, ledger, names, modelId: 'm1', dimension: 2, spaceType: 'cosinesimil' });
    expect(calls).toEqual([
      `putPipeline ${names.pipelineId} [ledger: ingest-pipeline]`,
      `createIndex ${names.indexName} [ledger: ingest-pipeline,index]`,
    ]);
    const report = await ledger.releaseAll();
    expect(report.released.map((r) => r.kind)).toEqual(['index', 'ingest-pipeline']);
    expect(calls.slice(2)).toEqual([
      `deleteIndex ${names.indexName} [ledger: ingest-pipeline,index]`,
      `deletePipeline ${names.pipelineId} [ledger: ingest-pipeline]`,
    ]);
  });

  it('counts an index that is already gone as released', async () => {
    const ledger = new ResourceLedger();
    const names = { pipelineId: 'p', indexName: 'gone-index' };
    await createNeuralFixture({
      client: fakeClient(ledger, []),
      ledger,
      names,
      modelId: 'm',
      dimension: 2,
      spaceType: 'l2',
    });
    const report = await ledger.releaseAll();
    expect(report.alreadyGone.map((r) => r.id)).toEqual(['gone-index']);
    expect(ledger.pending).toEqual([]);
  });
});

describe('attachNeuralFixture', () => {
  const client = fakeClient(new ResourceLedger(), []);
  const fixture = attachNeuralFixture(client, { pipelineId: 'p', indexName: 'i' }, 'm');

  it('ingests through _bulk and returns the items in order', async () => {
    const result = await fixture.ingest([
      { id: 'a', text: 'x' },
      { id: 'b', text: 'y' },
    ]);
    expect(result.items.map((item) => [item._id, item.status])).toEqual([
      ['a', 201],
      ['b', 201],
    ]);
  });

  it('reads the stored vector, and names a document without one', async () => {
    await expect(fixture.storedVector('a')).resolves.toEqual([0.6, 0.8]);
    await expect(fixture.storedVector('no-vector')).rejects.toThrow('document no-vector of i has no numeric embedding');
  });
});
