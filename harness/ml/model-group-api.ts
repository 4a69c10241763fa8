/**
 * Model group calls. Search goes through ML Commons' own `_search` route (not the index), because that is what users
 * call and because the route applies access control when the security plugin is on.
 */
import { call, callTolerateMissingIndex, seg } from './call.ts';
import type { RegisterModelGroupRequest, SearchRequest } from './request-types.ts';
import {
  deleteDocumentResponseSchema,
  modelGroupSchema,
  modelGroupSearchResponseSchema,
  registerModelGroupResponseSchema,
  type DeleteDocumentResponse,
  type ModelGroup,
  type ModelGroupSearchHit,
  type RegisterModelGroupResponse,
} from './schemas.ts';
import { toSearchResult, type SearchResult } from './search-result.ts';
import type { MlTransport, RequestOptions } from './transport.ts';

export interface ModelGroupApi {
  registerModelGroup(request: RegisterModelGroupRequest, options?: RequestOptions): Promise<RegisterModelGroupResponse>;
  getModelGroup(groupId: string, options?: RequestOptions): Promise<ModelGroup>;
  /** A missing ML index counts as no hits. */
  searchModelGroups(request: SearchRequest, options?: RequestOptions): Promise<SearchResult<ModelGroupSearchHit>>;
  deleteModelGroup(groupId: string, options?: RequestOptions): Promise<DeleteDocumentResponse>;
}

const BASE = '/_plugins/_ml/model_groups';

export function modelGroupApi(transport: MlTransport): ModelGroupApi {
  return {
    registerModelGroup(request, options) {
      const post = {
        method: 'POST',
        path: `${BASE}/_register`,
        endpoint: `POST ${BASE}/_register`,
        body: request,
      } as const;
      return call(transport, post, registerModelGroupResponseSchema, options);
    },

    getModelGroup(groupId, options) {
      const get = { method: 'GET', path: `${BASE}/${seg(groupId)}`, endpoint: `GET ${BASE}/{model_group_id}` } as const;
      return call(transport, get, modelGroupSchema, options);
    },

    async searchModelGroups(request, options) {
      const post = {
        method: 'POST',
        path: `${BASE}/_search`,
        endpoint: `POST ${BASE}/_search`,
        body: request,
      } as const;
      const body = await callTolerateMissingIndex(transport, post, modelGroupSearchResponseSchema, undefined, options);
      return toSearchResult(body);
    },

    deleteModelGroup(groupId, options) {
      const del = {
        method: 'DELETE',
        path: `${BASE}/${seg(groupId)}`,
        endpoint: `DELETE ${BASE}/{model_group_id}`,
      } as const;
      return call(transport, del, deleteDocumentResponseSchema, options);
    },
  };
}
