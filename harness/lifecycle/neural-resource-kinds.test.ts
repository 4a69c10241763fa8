import { describe, expect, it } from 'vitest';
import type { MlClient } from '../ml/client.ts';
import { MlHttpError } from '../ml/errors.ts';
import { jumpingClock } from '../ml/testing/jumping-clock.ts';
import { findResources, sweepResources } from './leak-audit.ts';
import { INDEX_KIND, INGEST_PIPELINE_KIND } from './neural-resource-kinds.ts';
import { kindOf, type KindReleaseOptions, type SweepableKind } from './resource-kinds.ts';

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

  it('confirms a pipeline from the cluster state', async () => {
    const c = client([]);
    const pipeline = (name: string) => ({ kind: 'ingest-pipeline', id: name, name });
    await expect(INGEST_PIPELINE_KIND.exists(c, pipeline(`${PREFIX}x-pipeline`))).resolves.toBe(true);
    await expect(INGEST_PIPELINE_KIND.exists(c, pipeline(`${PREFIX}y`))).resolves.toBe(false);
  });
});

describe('sweepResources options', () => {
  /** A kind that records what each release was given. */
  function recordingKind(seen: KindReleaseOptions[]): SweepableKind {
    return {
      kind: 'thing',
      releaseOrder: 1,
      find: () => Promise.resolve([]),
      exists: () => Promise.resolve(true),
      release: (_client, _resource, options) => Promise.resolve(void seen.push(options)),
    };
  }
  const thing = { kind: 'thing', id: 't', name: 't' };

  it('gives each release 60 s by default and nothing else it was not asked for', async () => {
    const seen: KindReleaseOptions[] = [];
    const report = await sweepResources(client([]), [thing], { kinds: [recordingKind(seen)] });
    expect(report.ok).toBe(true);
    expect(seen).toStrictEqual([{ budgetMs: 60_000 }]);
  });

  it('hands the budget, the hurry and the clock on', async () => {
    const seen: KindReleaseOptions[] = [];
    const hurry = new AbortController().signal;
    const clock = jumpingClock();
    await sweepResources(client([]), [thing], { kinds: [recordingKind(seen)], budgetMs: 5, hurry, clock });
    expect(seen).toStrictEqual([{ budgetMs: 5, hurry, clock }]);
  });

  it('refuses a kind it does not know, naming the known ones', () => {
    expect(() => kindOf('nope')).toThrow(
      'no sweepable resource kind "nope" (known: index, ingest-pipeline, model, model-group)',
    );
    expect(kindOf('model').kind).toBe('model');
  });
});
