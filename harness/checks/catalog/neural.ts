/**
 * `suites/neural.spec.ts`: the tutorials' next step — an ingest pipeline with the model, a k-NN index, documents
 * embedded at ingest, and neural/knn queries — plus the errors that bite on upgrades (dimension mismatch, asymmetric
 * models before neural-search passed a content type).
 */
import type { SuiteCatalog } from './check-requirement.ts';

export const NEURAL_CHECKS = {
  file: 'neural.spec.ts',
  checks: {
    'neural.pipeline': {
      title: 'an ingest pipeline with a text_embedding processor for the model is created and reads back',
      neuralSearch: true,
    },
    'neural.index': {
      title: 'a k-NN index with the card’s dimension, an explicit engine and a space type chosen from the model',
      detail:
        '`hnsw`, `OMLC_KNN_ENGINE` (default `lucene`), `cosinesimil` for unit-norm output else `l2`; the mapping reads back',
      neuralSearch: true,
    },
    'neural.ingest': {
      title: 'bulk ingest of the probes and a few sentences embeds every document',
      detail:
        '`_bulk` without errors, every item created, `_count` equals the corpus (the probes alone where the target only has golden probe vectors)',
      neuralSearch: true,
      neuralEmbeds: true,
    },
    'neural.stored-vector': {
      title: 'the stored vector of each document equals the `_predict` vector of its text',
      detail: 'per probe; passage content type for asymmetric models; the card’s tolerance',
      neuralSearch: true,
      neuralEmbeds: true,
      predicts: true,
    },
    'neural.exact-match': {
      title: 'a neural query with a document’s exact text returns that document first',
      detail:
        'per probe; first hit and score as brute force over the stored vectors with the `_predict` query vector (asymmetric models rank by it, which need not put the same text first)',
      neuralSearch: true,
      neuralEmbeds: true,
      predicts: true,
    },
    'neural.knn-query': {
      title: 'a knn query with a `_predict` vector ranks and scores every document like brute force',
      detail: 'OpenSearch’s score formula for the space type, computed here from the stored vectors',
      neuralSearch: true,
      neuralEmbeds: true,
      predicts: true,
    },
    'neural.query-content-type': {
      title: 'the neural query embeds its text with the query content type',
      detail: 'score == engine score of the `_predict` query vector against the stored passage vector',
      neuralSearch: true,
      neuralEmbeds: true,
      predicts: true,
      cards: 'asymmetric',
    },
    'neural.dimension-mismatch': {
      title: 'an index whose dimension differs from the model’s refuses ingest with the k-NN error',
      detail: '"Vector dimension mismatch. Expected: X, Given: Y", nothing indexed',
      neuralSearch: true,
      neuralEmbeds: true,
    },
    'neural.asymmetric-ingest-before-3.5': {
      title: 'before 3.5, ingest with an asymmetric model fails with ML Commons’ content-type error',
      detail: 'the text_embedding processor passes no content type before neural-search PR #1605; nothing indexed',
      opensearch: {
        range: '>=2.13.0 <3.5.0',
        why: 'neural-search passes the passage content type from 3.5.0 (PR #1605); prefixes exist from 2.13',
      },
      neuralSearch: true,
      cards: 'asymmetric',
    },
    'neural.cleanup': {
      title: 'the index and the pipeline are deleted and gone',
      detail: 'both carry the run id and are audited like models',
      neuralSearch: true,
    },
  },
} as const satisfies SuiteCatalog;
