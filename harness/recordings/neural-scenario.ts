/**
 * The neural part of the recording scenario: ingest pipelines, lucene k-NN indices, `_bulk`, documents, `neural` and
 * `knn` searches and their errors (dimension mismatch, asymmetric ingest before neural-search 3.5, unknown model,
 * missing index/pipeline), with fresh symmetric and asymmetric models. Runs inside runRecordingScenario, before the
 * model group is deleted; every name carries the run suffix (a placeholder after normalisation).
 */
import type { ModelCard } from '../models/model-card.ts';
import { ML, UNKNOWN_ID, type ScenarioRecorder } from './scenario-recorder.ts';

/** The main scenario's recorder and its register/deploy steps, so the neural models are recorded like the others. */
export interface NeuralScenarioSteps extends Pick<ScenarioRecorder, 'record' | 'name' | 'placeholders' | 'pause'> {
  readonly register: (label: string, body: Record<string, unknown>) => Promise<string | undefined>;
  readonly deploy: (label: string, modelId: string) => Promise<void>;
  readonly registerBody: (card: ModelCard, groupId: string, extra?: Record<string, unknown>) => Record<string, unknown>;
}

const pipeline = (modelId: string) => ({
  description: 'recorded by opensearch-ml-conformance',
  processors: [{ text_embedding: { model_id: modelId, field_map: { text: 'embedding' } } }],
});

const indexBody = (dimension: number, pipelineId: string) => ({
  settings: { index: { knn: true, default_pipeline: pipelineId, number_of_shards: 1, number_of_replicas: 0 } },
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

const bulkLines = (index: string, docs: readonly { id: string; text: string }[]): unknown[] =>
  docs.flatMap((doc) => [{ index: { _index: index, _id: doc.id } }, { text: doc.text }]);

function dataOf(body: unknown): number[] {
  const data = (body as { inference_results?: { output?: { data?: number[] }[] }[] }).inference_results?.[0]
    ?.output?.[0]?.data;
  return data ?? [];
}

export async function recordNeuralSteps(
  steps: NeuralScenarioSteps,
  cards: { readonly symmetric: ModelCard; readonly asymmetric: ModelCard },
  groupId: string,
): Promise<void> {
  const { record, name } = steps;
  const sym = cards.symmetric;
  const asym = cards.asymmetric;
  await record('neural:plugins', { method: 'GET', path: '/_cat/plugins', querystring: { format: 'json' } });

  steps.placeholders.add(name(`neural-${sym.id}`), `name:neural-${sym.id}`);
  const symId =
    (await steps.register('neural-sym', steps.registerBody(sym, groupId, { name: name(`neural-${sym.id}`) }))) ?? '';
  await steps.deploy('neural-sym', symId);
  steps.placeholders.add(name(`neural-${asym.id}`), `name:neural-${asym.id}`);
  const asymId =
    (await steps.register('neural-asym', steps.registerBody(asym, groupId, { name: name(`neural-${asym.id}`) }))) ?? '';
  await steps.deploy('neural-asym', asymId);

  const pipe = name('pipeline');
  const index = name('index');
  const docs = sym.probes.slice(0, 2).map((p) => ({ id: p.id, text: p.text }));
  const [first] = docs;
  await record('neural:pipeline-put', { method: 'PUT', path: `/_ingest/pipeline/${pipe}`, body: pipeline(symId) });
  await record('neural:pipeline-get', { method: 'GET', path: `/_ingest/pipeline/${pipe}` });
  await record('neural:pipeline-get-nomatch', { method: 'GET', path: `/_ingest/pipeline/${name('nomatch')}-*` });
  await record('neural:index-create', {
    method: 'PUT',
    path: `/${index}`,
    body: indexBody(sym.expectations.dimension, pipe),
  });
  await record('neural:index-mapping', { method: 'GET', path: `/${index}/_mapping` });
  await record('neural:bulk', {
    method: 'POST',
    path: '/_bulk',
    querystring: { refresh: 'true' },
    bulkBody: bulkLines(index, docs),
  });
  await record('neural:doc-get', { method: 'GET', path: `/${index}/_doc/${first?.id ?? ''}` });
  await record('neural:count', { method: 'GET', path: `/${index}/_count` });
  await record('neural:search-neural', {
    method: 'POST',
    path: `/${index}/_search`,
    body: {
      _source: { excludes: ['embedding'] },
      query: { neural: { embedding: { query_text: first?.text ?? '', model_id: symId, k: 2 } } },
    },
  });
  const predicted = await record('neural:predict', {
    method: 'POST',
    path: `${ML}/_predict/text_embedding/${symId}`,
    body: { text_docs: [first?.text ?? ''], target_response: ['sentence_embedding'] },
  });
  await record('neural:search-knn', {
    method: 'POST',
    path: `/${index}/_search`,
    body: {
      _source: { excludes: ['embedding'] },
      query: { knn: { embedding: { vector: dataOf(predicted.body), k: 2 } } },
    },
  });
  await record('neural:search-unknown-model', {
    method: 'POST',
    path: `/${index}/_search`,
    body: { query: { neural: { embedding: { query_text: 'x', model_id: UNKNOWN_ID, k: 1 } } } },
  });

  // An index one dimension off: single write and _bulk item refused by k-NN.
  const wrong = name('index-dim');
  await record('neural:index-dim-create', {
    method: 'PUT',
    path: `/${wrong}`,
    body: indexBody(sym.expectations.dimension + 1, pipe),
  });
  await record('neural:doc-put-dim', {
    method: 'PUT',
    path: `/${wrong}/_doc/single`,
    querystring: { refresh: 'true' },
    body: { text: first?.text ?? '' },
  });
  await record('neural:bulk-dim', {
    method: 'POST',
    path: '/_bulk',
    querystring: { refresh: 'true' },
    bulkBody: bulkLines(wrong, docs.slice(0, 1)),
  });

  // Asymmetric model: refused at ingest and in the neural query before neural-search 3.5, embedded from it on.
  const asymPipe = name('pipeline-asym');
  const asymIndex = name('index-asym');
  const asymDoc = { id: asym.probes[0]?.id ?? 'doc', text: asym.probes[0]?.text ?? '' };
  await record('neural:pipeline-asym-put', {
    method: 'PUT',
    path: `/_ingest/pipeline/${asymPipe}`,
    body: pipeline(asymId),
  });
  await record('neural:index-asym-create', {
    method: 'PUT',
    path: `/${asymIndex}`,
    body: indexBody(asym.expectations.dimension, asymPipe),
  });
  await record('neural:bulk-asym', {
    method: 'POST',
    path: '/_bulk',
    querystring: { refresh: 'true' },
    bulkBody: bulkLines(asymIndex, [asymDoc]),
  });
  await record('neural:doc-get-asym', { method: 'GET', path: `/${asymIndex}/_doc/${asymDoc.id}` });
  await record('neural:search-neural-asym', {
    method: 'POST',
    path: `/${asymIndex}/_search`,
    body: {
      _source: { excludes: ['embedding'] },
      query: { neural: { embedding: { query_text: asymDoc.text, model_id: asymId, k: 1 } } },
    },
  });

  // Listings and refusals on missing things.
  await record('neural:cat-indices', {
    method: 'GET',
    path: `/_cat/indices/${name('index')}*`,
    // Unsorted, the order is the cluster state's (it differed between 2.19.6 and 3.6.0).
    querystring: { format: 'json', h: 'index', s: 'index' },
  });
  await record('neural:cat-indices-missing', {
    method: 'GET',
    path: `/_cat/indices/${name('missing')}`,
    querystring: { format: 'json', h: 'index' },
  });
  await record('neural:doc-get-missing-index', { method: 'GET', path: `/${name('missing')}/_doc/1` });
  for (const [label, target] of [
    ['index', index],
    ['index-dim', wrong],
    ['index-asym', asymIndex],
  ] as const) {
    await record(`neural:${label}-delete`, { method: 'DELETE', path: `/${target}` });
  }
  await record('neural:index-delete-missing', { method: 'DELETE', path: `/${index}` });
  await record('neural:pipeline-delete', { method: 'DELETE', path: `/_ingest/pipeline/${pipe}` });
  await record('neural:pipeline-asym-delete', { method: 'DELETE', path: `/_ingest/pipeline/${asymPipe}` });
  await record('neural:pipeline-delete-missing', { method: 'DELETE', path: `/_ingest/pipeline/${pipe}` });
  await record('neural:pipeline-get-deleted', { method: 'GET', path: `/_ingest/pipeline/${pipe}` });

  for (const [label, id] of [
    ['neural-sym', symId],
    ['neural-asym', asymId],
  ] as const) {
    await record(`${label}:undeploy`, { method: 'POST', path: `${ML}/models/${id}/_undeploy` });
    await steps.pause(1000);
    await record(`${label}:delete`, { method: 'DELETE', path: `${ML}/models/${id}` });
  }
}
