/**
 * The seeds' next step with the model under test: an ingest pipeline with a `text_embedding` processor, a k-NN index
 * with the model's dimension, documents embedded at ingest, neural and knn queries, and the errors that bite on
 * upgrades — an index of another dimension, an asymmetric model before neural-search passed a content type (3.5).
 * Indices use an explicit engine (`OMLC_KNN_ENGINE`, default lucene): the FAISS default needs native libraries the
 * native target does not have, and creating such an index kills that node.
 */
import { describe, expect } from 'vitest';
import { expectedBehaviour } from '../harness/checks/expected-behaviour.ts';
import type { ContentType } from '../harness/ml/request-types.ts';
import { corpusFor, type CorpusDocument } from '../harness/neural/corpus.ts';
import { spaceTypeFor, TEXT_FIELD, VECTOR_FIELD } from '../harness/neural/index-spec.ts';
import { expectedKnnScore, SCORE_TOLERANCE } from '../harness/neural/knn-score.ts';
import {
  attachNeuralFixture,
  createIngestPipeline,
  createKnnIndex,
  neuralFixtureNames,
  type NeuralFixture,
} from '../harness/neural/neural-fixture.ts';
import { expectItemRefusal } from '../harness/suite/expect-item-refusal.ts';
import { conformanceCards } from '../harness/suite/fixtures.ts';
import { embeddingRequest, sentenceEmbedding } from '../harness/suite/predictions.ts';
import { registerRequestFor } from '../harness/suite/register-request.ts';
import { openSuite } from '../harness/suite/suite-context.ts';

describe.for(conformanceCards())('neural · $id', (card) => {
  const s = openSuite('neural', card);
  const space = spaceTypeFor(card.expectations);
  const dimension = card.expectations.dimension;
  // Stored vectors are passages, queries are queries (neural-search 3.5+); symmetric models take no content type.
  const passage: ContentType | undefined = card.expectations.asymmetric ? 'passage' : undefined;
  const query: ContentType | undefined = card.expectations.asymmetric ? 'query' : undefined;
  let modelId = '';
  let names = neuralFixtureNames('x', 'x');
  let fixture: NeuralFixture | undefined;
  let corpus: CorpusDocument[] = [];

  const neural = (): NeuralFixture => {
    if (fixture === undefined) {
      throw new Error('the neural fixture exists once neural.index passed');
    }
    return fixture;
  };
  const predicted = async (text: string, contentType: ContentType | undefined): Promise<number[]> =>
    sentenceEmbedding(await s.lifecycle.predict(modelId, embeddingRequest([text], contentType))).data;
  const score = (queryVector: readonly number[], stored: readonly number[]): number | undefined =>
    expectedKnnScore(s.live.neural.engine, space.spaceType, queryVector, stored);

  let stored: Map<string, number[]> | undefined;
  const storedVectors = async (): Promise<Map<string, number[]>> => {
    if (stored === undefined) {
      const vectors = new Map<string, number[]>();
      for (const doc of corpus) {
        vectors.set(doc.id, await neural().storedVector(doc.id));
      }
      stored = vectors;
    }
    return stored;
  };
  /**
   * Every document against `vector`, best first: ranked by the space type's lucene score (every engine ranks a space
   * type the same way), with the configured engine's score when a formula is known for it.
   */
  const bruteForce = async (vector: readonly number[]): Promise<{ id: string; score: number | undefined }[]> =>
    [...(await storedVectors()).entries()]
      .map(([id, doc]) => ({
        id,
        score: score(vector, doc),
        rank: expectedKnnScore('lucene', space.spaceType, vector, doc) ?? 0,
      }))
      .sort((a, b) => b.rank - a.rank);

  s.check('setup.deploy', async () => {
    const { groupId } = await s.lifecycle.registerGroup();
    ({ modelId } = await s.lifecycle.register(registerRequestFor(card, { groupId })));
    await s.lifecycle.deploy(modelId);
  });

  s.check(
    'neural.pipeline',
    async () => {
      names = neuralFixtureNames(s.runId, `neural-${card.id}`);
      await createIngestPipeline(s.client, s.ledger, names.pipelineId, modelId);
      const stored = (await s.client.getPipelines(names.pipelineId))[names.pipelineId];
      expect(stored?.processors, 'the pipeline reads back with one text_embedding processor').toEqual([
        { text_embedding: { model_id: modelId, field_map: { [TEXT_FIELD]: VECTOR_FIELD } } },
      ]);
    },
    { after: ['setup.deploy'] },
  );

  s.check(
    'neural.index',
    async () => {
      const engine = s.live.neural.engine;
      await createKnnIndex(s.client, s.ledger, names.indexName, {
        dimension,
        spaceType: space.spaceType,
        engine,
        pipeline: names.pipelineId,
      });
      fixture = attachNeuralFixture(s.client, names, modelId);
      const mapping = (await s.client.getMapping(names.indexName))[names.indexName]?.mappings.properties;
      expect(mapping?.[VECTOR_FIELD], `space type ${space.spaceType}: ${space.why}`).toMatchObject({
        type: 'knn_vector',
        dimension,
        method: { name: 'hnsw', engine, space_type: space.spaceType },
      });
    },
    { after: ['neural.pipeline'] },
  );

  s.check(
    'neural.ingest',
    async () => {
      // TorchScript on the simulator answers golden vectors for the probes only; the probes are then the corpus.
      corpus = corpusFor(card, card.format !== 'TORCH_SCRIPT' || s.live.capabilities.torchScript);
      const ingested = await neural().ingest(corpus);
      expect(
        ingested.items.filter((item) => item.error !== undefined),
        'refused items',
      ).toEqual([]);
      expect(ingested.errors).toBe(false);
      expect(ingested.items.map((item) => [item._id, item.status])).toEqual(corpus.map((doc) => [doc.id, 201]));
      expect(await neural().count()).toBe(corpus.length);
    },
    { after: ['neural.index'] },
  );

  describe.for(card.probes)('probe $id', (probe) => {
    s.check(
      'neural.stored-vector',
      async () => {
        const stored = await neural().storedVector(probe.id);
        expect(stored, `stored vector of ${probe.id} vs _predict (${passage ?? 'no'} content type)`).toMatchEmbedding(
          await predicted(probe.text, passage),
          card.expectations.tolerance,
        );
      },
      { after: ['neural.ingest'], variant: probe.id },
    );

    s.check(
      'neural.exact-match',
      async () => {
        const queryVector = await predicted(probe.text, query);
        const found = await neural().neuralSearch(probe.text, corpus.length);
        const [first] = found.hits.hits;
        const ranked = await bruteForce(queryVector);
        if (!card.expectations.asymmetric) {
          expect(ranked[0]?.id, 'a symmetric model embeds the same text to the same vector').toBe(probe.id);
        }
        // Asymmetric: the query vector of T need not be nearest to the passage vector of T on every model; the
        // neural query must still rank like the query vector does.
        expect(first?._id, `first hit of ${found.hits.hits.map((h) => h._id).join(', ')}`).toBe(ranked[0]?.id);
        if (ranked[0]?.score !== undefined) {
          expect(first?._score, 'engine score of the query vector against the stored vector').toBeCloseTo(
            ranked[0].score,
            4,
          );
        }
      },
      { after: ['neural.ingest'], variant: probe.id },
    );
  });

  s.check(
    'neural.knn-query',
    async () => {
      const [probe] = card.probes;
      // The passage vector of a stored text: its own document is then an exact match.
      const vector = await predicted(probe?.text ?? '', passage);
      const stored = await storedVectors();
      const found = await neural().knnSearch(vector, corpus.length);
      const hits = found.hits.hits;
      expect(hits.map((h) => h._id).sort(), 'every document is a neighbour (k = corpus size)').toEqual(
        corpus.map((d) => d.id).sort(),
      );
      hits.forEach((hit, i) => {
        expect(hit._score ?? 0, `hit ${i} (${hit._id}) ranks below hit ${i - 1}`).toBeLessThanOrEqual(
          i === 0 ? Infinity : (hits[i - 1]?._score ?? 0) + SCORE_TOLERANCE,
        );
        const expected = score(vector, stored.get(hit._id) ?? []);
        if (expected !== undefined) {
          expect(hit._score, `score of ${hit._id} (${space.spaceType}, brute force here)`).toBeCloseTo(expected, 4);
        }
      });
      expect(hits[0]?._id, 'the document whose text was embedded comes first').toBe(probe?.id);
    },
    { after: ['neural.ingest'] },
  );

  s.check(
    'neural.query-content-type',
    async () => {
      const [probe] = card.probes;
      const text = probe?.text ?? '';
      const stored = await neural().storedVector(probe?.id ?? '');
      const asQuery = score(await predicted(text, 'query'), stored);
      const asPassage = score(await predicted(text, 'passage'), stored);
      const hit = (await neural().neuralSearch(text, corpus.length)).hits.hits.find((h) => h._id === probe?.id);
      expect(hit, 'the probe document is among the hits').toBeDefined();
      if (asQuery === undefined || asPassage === undefined) {
        throw new Error(`no score formula for engine ${s.live.neural.engine}: use lucene for this check`);
      }
      expect(Math.abs(asQuery - asPassage), 'query and passage vectors must score differently').toBeGreaterThan(
        10 * SCORE_TOLERANCE,
      );
      expect(hit?._score, 'the neural query text was embedded as a query').toBeCloseTo(asQuery, 4);
    },
    { after: ['neural.ingest'] },
  );

  s.check(
    'neural.dimension-mismatch',
    async () => {
      const wrong = neuralFixtureNames(s.runId, `neural-${card.id}`, 'mismatch');
      const other = dimension + 1;
      await createKnnIndex(s.client, s.ledger, wrong.indexName, {
        dimension: other,
        spaceType: space.spaceType,
        engine: s.live.neural.engine,
        pipeline: names.pipelineId,
      });
      const mismatched = attachNeuralFixture(s.client, { ...wrong, pipelineId: names.pipelineId }, modelId);
      const [probe] = card.probes;
      const { items } = await mismatched.ingest([{ id: probe?.id ?? 'doc', text: probe?.text ?? '' }]);
      expectItemRefusal(
        items[0],
        expectedBehaviour('vector-dimension-mismatch', s.live.version, '', { expected: other, given: dimension }),
      );
      expect(await mismatched.count(), 'nothing indexed').toBe(0);
      await s.client.deleteIndex(wrong.indexName);
      s.ledger.untrack(wrong.indexName, 'index');
    },
    { after: ['neural.pipeline'] },
  );

  s.check(
    'neural.asymmetric-ingest-before-3.5',
    async () => {
      const [probe] = card.probes;
      const { items } = await neural().ingest([{ id: probe?.id ?? 'doc', text: probe?.text ?? '' }]);
      expectItemRefusal(items[0], expectedBehaviour('asymmetric-without-content-type', s.live.version));
      expect(await neural().count(), 'nothing indexed').toBe(0);
    },
    { after: ['neural.index'] },
  );

  s.check(
    'neural.cleanup',
    async () => {
      await s.client.deleteIndex(names.indexName);
      s.ledger.untrack(names.indexName, 'index');
      await s.client.deletePipeline(names.pipelineId);
      s.ledger.untrack(names.pipelineId, 'ingest-pipeline');
      expect(await s.client.listIndices(names.indexName), 'index gone').toEqual([]);
      expect(await s.client.getPipelines(names.pipelineId), 'pipeline gone').toEqual({});
    },
    { after: ['neural.index'] },
  );
});
