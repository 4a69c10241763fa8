import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SimContext } from '../context.ts';
import { optionalString, readJsonObject, type JsonObject } from '../http/body.ts';
import { HttpError, type OpenSearchErrorBody } from '../http/errors.ts';
import { route } from '../http/route.ts';
import { executeSearch, type SearchResponseBody } from '../search/response.ts';
import { GROUP_INDEX } from '../state/store.ts';
import type { GroupDoc } from '../state/types.ts';
import { createGroup, deleteGroup, deleteMissingGroup } from '../workflows/records.ts';
import { deleteResponse, type DeleteResponseBody } from './delete-response.ts';

interface RegisterGroupBody {
  name?: string;
  description?: string;
  access_mode?: string;
  backend_roles?: string[];
  add_all_backend_roles?: boolean;
}

interface RegisterGroupResponse {
  model_group_id: string;
  status: 'CREATED';
}

type GroupParams = { groupId: string };

export function modelGroupHandlers(ctx: SimContext): HttpHandler[] {
  const base = `${ctx.baseUrl}/_plugins/_ml/model_groups`;

  const search = route<never, JsonObject, SearchResponseBody>(ctx, 'group', async ({ request }) => {
    const body = await readJsonObject(request);
    const docs = [...ctx.store.groups.values()].map((group) => ({ id: group.id, source: { ...group.doc } }));
    return HttpResponse.json(executeSearch(GROUP_INDEX, docs, body));
  });

  return [
    http.post<never, RegisterGroupBody, RegisterGroupResponse | OpenSearchErrorBody>(
      `${base}/_register`,
      route(ctx, 'group', async ({ request }) => {
        const body = await readJsonObject(request);
        const name = optionalString(body, 'name');
        if (name === undefined) {
          throw new HttpError('groupNameMissing');
        }
        if (['access_mode', 'backend_roles', 'add_all_backend_roles'].some((key) => body[key] !== undefined)) {
          throw new HttpError('accessControlDisabled');
        }
        // MLModelGroupManager searches `name.keyword` for an exact duplicate before indexing.
        const duplicate = ctx.store.findGroupByName(name);
        if (duplicate !== undefined) {
          throw new HttpError('duplicateGroupName', { id: duplicate.id });
        }
        const group = createGroup(ctx, name, optionalString(body, 'description'));
        return HttpResponse.json({ model_group_id: group.id, status: 'CREATED' as const });
      }),
    ),
    http.post<never, JsonObject, SearchResponseBody | OpenSearchErrorBody>(`${base}/_search`, search),
    http.get<never, JsonObject, SearchResponseBody | OpenSearchErrorBody>(`${base}/_search`, search),
    http.get<GroupParams, never, GroupDoc | OpenSearchErrorBody>(
      `${base}/:groupId`,
      route(ctx, 'group', ({ params }) => {
        const group = ctx.store.groups.get(params.groupId);
        if (group === undefined) {
          throw new HttpError('groupNotFound', { id: params.groupId });
        }
        return Promise.resolve(HttpResponse.json({ ...group.doc }));
      }),
    ),
    http.delete<GroupParams, never, DeleteResponseBody | OpenSearchErrorBody>(
      `${base}/:groupId`,
      route(ctx, 'delete', ({ params }) => {
        const group = ctx.store.groups.get(params.groupId);
        if (group === undefined) {
          if (ctx.profile.features.deleteUnknownGroupPassesThrough && ctx.store.indexExists(GROUP_INDEX)) {
            // The index's delete answer is passed through: a tombstone write (new `_seq_no`), `_version` 1.
            return Promise.resolve(
              HttpResponse.json(deleteResponse(GROUP_INDEX, params.groupId, deleteMissingGroup(ctx))),
            );
          }
          throw new HttpError('groupNotFoundForDelete', { id: params.groupId });
        }
        // The check is a search of the model index by model_group_id: uploaded chunks carry it (URL-registered ones
        // do not), so a just-deleted uploaded model's chunks still block the group until the index refreshes.
        const staleChunks = [...ctx.store.staleChunks.values()].some((doc) => doc.source.model_group_id === group.id);
        if (ctx.store.modelsInGroup(group.id).length > 0 || staleChunks) {
          throw new HttpError('deleteGroupWithModels', { id: group.id });
        }
        return Promise.resolve(HttpResponse.json(deleteResponse(GROUP_INDEX, group.id, deleteGroup(ctx, group))));
      }),
    ),
  ];
}
