import { describe, expect, it } from 'vitest';
import type { MlClient } from '../ml/client.ts';
import { MlHttpError } from '../ml/errors.ts';
import { findResources, sweepResources } from './leak-audit.ts';
import { INDEX_KIND, INGEST_PIPELINE_KIND } from './neural-resource-kinds.ts';

const PREFIX = 'omlc-r1-abcd-neural-';
const KINDS = [INGEST_PIPELINE_KIND, INDEX_KIND];

function client(deleted: string[]): MlClient {
  const fake: Pick<MlClient, 'listIndices' | 'getPipelines' | 'deleteIndex' | 'deletePipeline'> = {
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
  return fake as MlClient;
}

describe('neural resource kinds', () => {
  it('finds indices and pipelines under the prefix only, indices first', async () => {
    expect(await findResources(client([]), PREFIX, KINDS)).toEqual([
      { kind: 'index', id: `${PREFIX}x-index`, name: `${PREFIX}x-index` },
      { kind: 'ingest-pipeline', id: `${PREFIX}x-pipeline`, name: `${PREFIX}x-pipeline` },
    ]);
  });

  it('sweeps indices before pipelines, counts 404 as gone and reports failures', async () => {
    const deleted: string[] = [];
    const report = await sweepResources(
      client(deleted),
      [
        { kind: 'ingest-pipeline', id: 'p', name: 'p' },
        { kind: 'ingest-pipeline', id: 'p-gone', name: 'p-gone' },
        { kind: 'ingest-pipeline', id: 'p-stuck', name: 'p-stuck' },
        { kind: 'index', id: 'i', name: 'i' },
      ],
      { kinds: KINDS },
    );
    expect(deleted).toEqual(['index i', 'pipeline p']);
    expect(report.entries.map((e) => [e.id, e.outcome])).toEqual([
      ['i', 'deleted'],
      ['p', 'deleted'],
      ['p-gone', 'already-gone'],
      ['p-stuck', 'failed'],
    ]);
    expect(report.ok).toBe(false);
    expect(report.entries.at(-1)?.error).toBe('boom');
  });

  it('confirms a hit from the cluster state', async () => {
    const c = client([]);
    await expect(
      INDEX_KIND.exists(c, { kind: 'index', id: `${PREFIX}x-index`, name: `${PREFIX}x-index` }),
    ).resolves.toBe(true);
    await expect(INDEX_KIND.exists(c, { kind: 'index', id: `${PREFIX}y`, name: `${PREFIX}y` })).resolves.toBe(false);
  });
});
