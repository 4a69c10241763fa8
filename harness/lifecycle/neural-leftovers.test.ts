import { describe, expect, it } from 'vitest';
import { MlHttpError } from '../ml/errors.ts';
import { findNeuralLeftovers, sweepNeuralLeftovers, type NeuralAuditClient } from './neural-leftovers.ts';

const PREFIX = 'omlc-r1-abcd-neural-';

function client(deleted: string[]): NeuralAuditClient {
  return {
    // A widened answer (another run's index) must be filtered out locally.
    listIndices: () => Promise.resolve([`${PREFIX}x-index`, 'omlc-r2-zzzz-neural-x-index']),
    getPipelines: () => Promise.resolve({ [`${PREFIX}x-pipeline`]: { processors: [] } }),
    deleteIndex: (name) => Promise.resolve(void deleted.push(`index ${name}`)),
    deletePipeline: (id) =>
      id.endsWith('gone')
        ? Promise.reject(new MlHttpError({ status: 404, method: 'DELETE', path: `/_ingest/pipeline/${id}`, body: {} }))
        : id.endsWith('stuck')
          ? Promise.reject(new Error('boom'))
          : Promise.resolve(void deleted.push(`pipeline ${id}`)),
  };
}

describe('findNeuralLeftovers', () => {
  it('lists indices and pipelines under the prefix only', async () => {
    expect(await findNeuralLeftovers(client([]), PREFIX)).toEqual([
      { kind: 'index', id: `${PREFIX}x-index`, name: `${PREFIX}x-index` },
      { kind: 'ingest-pipeline', id: `${PREFIX}x-pipeline`, name: `${PREFIX}x-pipeline` },
    ]);
  });
});

describe('sweepNeuralLeftovers', () => {
  it('deletes indices before pipelines, counts 404 as gone and reports failures', async () => {
    const deleted: string[] = [];
    const entries = await sweepNeuralLeftovers(client(deleted), [
      { kind: 'ingest-pipeline', id: 'p', name: 'p' },
      { kind: 'ingest-pipeline', id: 'p-gone', name: 'p-gone' },
      { kind: 'ingest-pipeline', id: 'p-stuck', name: 'p-stuck' },
      { kind: 'index', id: 'i', name: 'i' },
    ]);
    expect(deleted).toEqual(['index i', 'pipeline p']);
    expect(entries.map((e) => [e.id, e.outcome])).toEqual([
      ['i', 'deleted'],
      ['p', 'deleted'],
      ['p-gone', 'already-gone'],
      ['p-stuck', 'failed'],
    ]);
    expect(entries.at(-1)?.error).toBe('boom');
  });
});
