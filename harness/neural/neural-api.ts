/**
 * The cluster calls the neural checks make beyond ML Commons: ingest pipelines (core), k-NN indices, documents,
 * `_bulk` and `_search` (neural-search's `neural` query, k-NN's `knn` query), and the `_cat` listings the leak audit
 * and the plugin pre-flight read. Part of the one cluster client (`MlClient`), so suites and audits share a transport.
 */
import { call, seg } from '../ml/call.ts';
import { isIndexNotFound, isMlHttpError } from '../ml/errors.ts';
import type { MlTransport, RequestOptions } from '../ml/transport.ts';
import {
  acknowledgedSchema,
  bulkResponseSchema,
  catIndicesSchema,
  catPluginsSchema,
  countSchema,
  createIndexResponseSchema,
  documentSchema,
  mappingResponseSchema,
  pipelinesResponseSchema,
  searchResponseSchema,
  writeResponseSchema,
  type PipelinesResponse,
  type PluginRow,
  type SearchResponse,
  type StoredDocument,
} from './neural-schemas.ts';
import type { z } from 'zod';

export interface BulkDocument {
  readonly id: string;
  readonly source: Readonly<Record<string, unknown>>;
}

export interface WriteOptions extends RequestOptions {
  /** `?refresh=true`: the write is searchable when the call returns (the checks search right after ingesting). */
  readonly refresh?: boolean;
}

export interface NeuralApi {
  putPipeline(id: string, body: Readonly<Record<string, unknown>>, options?: RequestOptions): Promise<void>;
  /** Pipelines by id or wildcard; none matching (a bare `404 {}` on a real node) is `{}`. */
  getPipelines(pattern: string, options?: RequestOptions): Promise<PipelinesResponse>;
  deletePipeline(id: string, options?: RequestOptions): Promise<void>;
  createIndex(name: string, body: Readonly<Record<string, unknown>>, options?: RequestOptions): Promise<void>;
  getMapping(name: string, options?: RequestOptions): Promise<z.output<typeof mappingResponseSchema>>;
  deleteIndex(name: string, options?: RequestOptions): Promise<void>;
  indexDocument(
    index: string,
    doc: BulkDocument,
    options?: WriteOptions,
  ): Promise<z.output<typeof writeResponseSchema>>;
  bulkIndex(
    index: string,
    docs: readonly BulkDocument[],
    options?: WriteOptions,
  ): Promise<z.output<typeof bulkResponseSchema>>;
  getDocument(index: string, id: string, options?: RequestOptions): Promise<StoredDocument>;
  countDocuments(index: string, options?: RequestOptions): Promise<number>;
  searchIndex(
    index: string,
    body: Readonly<Record<string, unknown>>,
    options?: RequestOptions,
  ): Promise<SearchResponse>;
  /** Index names matching a pattern (`_cat/indices`, realtime cluster state: no refresh lag); none is `[]`. */
  listIndices(pattern: string, options?: RequestOptions): Promise<string[]>;
  /** One row per node and installed plugin. */
  listPlugins(options?: RequestOptions): Promise<PluginRow[]>;
}

export function neuralApi(transport: MlTransport): NeuralApi {
  return {
    async putPipeline(id, body, options) {
      const path = `/_ingest/pipeline/${seg(id)}`;
      await call(
        transport,
        { method: 'PUT', path, endpoint: 'PUT /_ingest/pipeline/{id}', body },
        acknowledgedSchema,
        options,
      );
    },

    async getPipelines(pattern, options) {
      const path = `/_ingest/pipeline/${seg(pattern)}`;
      try {
        return await call(
          transport,
          { method: 'GET', path, endpoint: 'GET /_ingest/pipeline/{id}' },
          pipelinesResponseSchema,
          options,
        );
      } catch (error) {
        if (isMlHttpError(error, 404)) {
          return {};
        }
        throw error;
      }
    },

    async deletePipeline(id, options) {
      const path = `/_ingest/pipeline/${seg(id)}`;
      await call(
        transport,
        { method: 'DELETE', path, endpoint: 'DELETE /_ingest/pipeline/{id}' },
        acknowledgedSchema,
        options,
      );
    },

    async createIndex(name, body, options) {
      const request = { method: 'PUT', path: `/${seg(name)}`, endpoint: 'PUT /{index}', body } as const;
      await call(transport, request, createIndexResponseSchema, options);
    },

    getMapping(name, options) {
      const request = { method: 'GET', path: `/${seg(name)}/_mapping`, endpoint: 'GET /{index}/_mapping' } as const;
      return call(transport, request, mappingResponseSchema, options);
    },

    async deleteIndex(name, options) {
      await call(
        transport,
        { method: 'DELETE', path: `/${seg(name)}`, endpoint: 'DELETE /{index}' },
        acknowledgedSchema,
        options,
      );
    },

    indexDocument(index, doc, options) {
      const request = {
        method: 'PUT',
        path: `/${seg(index)}/_doc/${seg(doc.id)}`,
        endpoint: 'PUT /{index}/_doc/{id}',
        body: doc.source,
        ...(options?.refresh === true ? { querystring: { refresh: 'true' } } : {}),
      } as const;
      return call(transport, request, writeResponseSchema, options);
    },

    bulkIndex(index, docs, options) {
      const request = {
        method: 'POST',
        path: '/_bulk',
        endpoint: 'POST /_bulk',
        bulkBody: docs.flatMap((doc) => [{ index: { _index: index, _id: doc.id } }, doc.source]),
        ...(options?.refresh === true ? { querystring: { refresh: 'true' } } : {}),
      } as const;
      return call(transport, request, bulkResponseSchema, options);
    },

    getDocument(index, id, options) {
      const request = {
        method: 'GET',
        path: `/${seg(index)}/_doc/${seg(id)}`,
        endpoint: 'GET /{index}/_doc/{id}',
      } as const;
      return call(transport, request, documentSchema, options);
    },

    async countDocuments(index, options) {
      const request = { method: 'GET', path: `/${seg(index)}/_count`, endpoint: 'GET /{index}/_count' } as const;
      return (await call(transport, request, countSchema, options)).count;
    },

    searchIndex(index, body, options) {
      const request = {
        method: 'POST',
        path: `/${seg(index)}/_search`,
        endpoint: 'POST /{index}/_search',
        body,
      } as const;
      return call(transport, request, searchResponseSchema, options);
    },

    async listIndices(pattern, options) {
      const request = {
        method: 'GET',
        path: `/_cat/indices/${seg(pattern)}`,
        endpoint: 'GET /_cat/indices/{pattern}',
        querystring: { format: 'json', h: 'index', s: 'index' },
      } as const;
      try {
        return (await call(transport, request, catIndicesSchema, options)).map((row) => row.index);
      } catch (error) {
        // A pattern without a wildcard that names no index is a 404 index_not_found, not an empty list.
        if (isIndexNotFound(error)) {
          return [];
        }
        throw error;
      }
    },

    listPlugins(options) {
      const request = {
        method: 'GET',
        path: '/_cat/plugins',
        endpoint: 'GET /_cat/plugins',
        querystring: { format: 'json' },
      } as const;
      return call(transport, request, catPluginsSchema, options);
    },
  };
}
