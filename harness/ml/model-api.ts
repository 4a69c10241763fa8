/**
 * Model calls: register (async, returns a task), get, search, deploy (async), undeploy (sync on 3.x, eventually
 * consistent model state on older lines) and delete.
 */
import { call, callTolerateMissingIndex, seg } from './call.ts';
import type { RegisterModelRequest, SearchRequest } from './request-types.ts';
import {
  deleteDocumentResponseSchema,
  deployModelResponseSchema,
  modelSchema,
  modelSearchResponseSchema,
  registerModelResponseSchema,
  undeployModelResponseSchema,
  type DeleteDocumentResponse,
  type DeployModelResponse,
  type Model,
  type ModelSearchHit,
  type RegisterModelResponse,
  type UndeployModelResponse,
} from './schemas.ts';
import { toSearchResult, type SearchResult } from './search-result.ts';
import type { MlTransport, RequestOptions } from './transport.ts';

export interface ModelApi {
  registerModel(request: RegisterModelRequest, options?: RequestOptions): Promise<RegisterModelResponse>;
  getModel(modelId: string, options?: RequestOptions): Promise<Model>;
  /** Raw search: chunk documents are included unless the query excludes them. A missing ML index counts as no hits. */
  searchModels(request: SearchRequest, options?: RequestOptions): Promise<SearchResult<ModelSearchHit>>;
  deployModel(modelId: string, options?: RequestOptions): Promise<DeployModelResponse>;
  undeployModel(modelId: string, options?: RequestOptions): Promise<UndeployModelResponse>;
  deleteModel(modelId: string, options?: RequestOptions): Promise<DeleteDocumentResponse>;
}

const BASE = '/_plugins/_ml/models';

export function modelApi(transport: MlTransport): ModelApi {
  return {
    registerModel(request, options) {
      const post = {
        method: 'POST',
        path: `${BASE}/_register`,
        endpoint: `POST ${BASE}/_register`,
        body: request,
      } as const;
      return call(transport, post, registerModelResponseSchema, options);
    },

    getModel(modelId, options) {
      const get = { method: 'GET', path: `${BASE}/${seg(modelId)}`, endpoint: `GET ${BASE}/{model_id}` } as const;
      return call(transport, get, modelSchema, options);
    },

    async searchModels(request, options) {
      const post = {
        method: 'POST',
        path: `${BASE}/_search`,
        endpoint: `POST ${BASE}/_search`,
        body: request,
      } as const;
      const body = await callTolerateMissingIndex(transport, post, modelSearchResponseSchema, undefined, options);
      return toSearchResult(body);
    },

    deployModel(modelId, options) {
      const path = `${BASE}/${seg(modelId)}/_deploy`;
      const post = { method: 'POST', path, endpoint: `POST ${BASE}/{model_id}/_deploy` } as const;
      return call(transport, post, deployModelResponseSchema, options);
    },

    undeployModel(modelId, options) {
      const path = `${BASE}/${seg(modelId)}/_undeploy`;
      const post = { method: 'POST', path, endpoint: `POST ${BASE}/{model_id}/_undeploy` } as const;
      return call(transport, post, undeployModelResponseSchema, options);
    },

    deleteModel(modelId, options) {
      const del = { method: 'DELETE', path: `${BASE}/${seg(modelId)}`, endpoint: `DELETE ${BASE}/{model_id}` } as const;
      return call(transport, del, deleteDocumentResponseSchema, options);
    },
  };
}

/** Whether an undeploy response reports the model as undeployed on at least one node. */
export function undeployedSomewhere(response: UndeployModelResponse, modelId: string): boolean {
  return Object.values(response).some((node) => node.stats?.[modelId]?.toLowerCase() === 'undeployed');
}
