import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SimContext } from '../context.ts';
import { queryFlag, readJsonObject, type JsonObject } from '../http/body.ts';
import type { OpenSearchErrorBody } from '../http/errors.ts';
import { route } from '../http/route.ts';
import { ClusterSettings } from '../settings/cluster-settings.ts';

interface InfoBody {
  name: string;
  cluster_name: string;
  cluster_uuid: string;
  version: {
    distribution: 'opensearch';
    number: string;
    build_type: string;
    build_hash: string;
    build_date: string;
    build_snapshot: boolean;
    lucene_version: string;
    minimum_wire_compatibility_version: string;
    minimum_index_compatibility_version: string;
  };
  tagline: string;
}

interface ClusterSettingsPut {
  persistent?: JsonObject;
  transient?: JsonObject;
}

/** Roles of the simulated node: a data node without the `ml` role, like the single-node clusters the suites use. */
const NODE_ROLES = ['cluster_manager', 'data', 'ingest', 'remote_cluster_client'];

export function clusterHandlers(ctx: SimContext): HttpHandler[] {
  const base = ctx.baseUrl;
  const { node, profile } = ctx;

  const info = (): InfoBody => ({
    name: node.name,
    cluster_name: node.clusterName,
    cluster_uuid: node.clusterUuid,
    version: {
      distribution: 'opensearch',
      number: profile.version.number,
      build_type: 'zip',
      build_hash: profile.version.buildHash,
      build_date: profile.version.buildDate,
      build_snapshot: false,
      lucene_version: profile.version.luceneVersion,
      minimum_wire_compatibility_version: profile.version.minimumWireCompatibilityVersion,
      minimum_index_compatibility_version: profile.version.minimumIndexCompatibilityVersion,
    },
    tagline: 'The OpenSearch Project: https://opensearch.org/',
  });

  const nodesBody = (): JsonObject => ({
    _nodes: { total: 1, successful: 1, failed: 0 },
    cluster_name: node.clusterName,
    nodes: {
      [node.id]: {
        name: node.name,
        transport_address: '127.0.0.1:9300',
        host: '127.0.0.1',
        ip: '127.0.0.1',
        version: profile.version.number,
        build_type: 'zip',
        build_hash: profile.version.buildHash,
        roles: NODE_ROLES,
        attributes: { shard_indexing_pressure_enabled: 'true' },
      },
    },
  });

  return [
    http.get<never, never, InfoBody | OpenSearchErrorBody>(
      `${base}/`,
      route(ctx, 'cluster', () => Promise.resolve(HttpResponse.json(info()))),
    ),
    http.head(
      `${base}/`,
      route(ctx, 'cluster', () => Promise.resolve(new HttpResponse(null, { status: 200 }))),
    ),
    http.get<never, never, JsonObject | OpenSearchErrorBody>(
      `${base}/_cluster/health`,
      route(ctx, 'cluster', () =>
        Promise.resolve(
          HttpResponse.json({
            cluster_name: node.clusterName,
            status: 'green',
            timed_out: false,
            number_of_nodes: 1,
            number_of_data_nodes: 1,
            active_primary_shards: ctx.store.models.size > 0 ? 3 : 0,
            active_shards: ctx.store.models.size > 0 ? 3 : 0,
            relocating_shards: 0,
            initializing_shards: 0,
            unassigned_shards: 0,
            active_shards_percent_as_number: 100.0,
          }),
        ),
      ),
    ),
    http.get<never, never, JsonObject | OpenSearchErrorBody>(
      `${base}/_cluster/settings`,
      route(ctx, 'cluster', ({ url }) =>
        Promise.resolve(
          HttpResponse.json(
            ctx.settings.render({
              flat: queryFlag(url, 'flat_settings'),
              includeDefaults: queryFlag(url, 'include_defaults'),
            }),
          ),
        ),
      ),
    ),
    http.put<never, ClusterSettingsPut, JsonObject | OpenSearchErrorBody>(
      `${base}/_cluster/settings`,
      route(ctx, 'cluster', async ({ request, url }) => {
        const body = await readJsonObject(request);
        const flat = queryFlag(url, 'flat_settings');
        // Validate both scopes before applying either, as the real update is all-or-nothing.
        const probe = new ClusterSettings(profile);
        probe.update('persistent', body.persistent);
        probe.update('transient', body.transient);
        const persistent = ctx.settings.update('persistent', body.persistent);
        const transient = ctx.settings.update('transient', body.transient);
        return HttpResponse.json({
          acknowledged: true,
          persistent: ClusterSettings.shape(persistent, flat),
          transient: ClusterSettings.shape(transient, flat),
        });
      }),
    ),
    http.get<never, never, JsonObject | OpenSearchErrorBody>(
      `${base}/_nodes`,
      route(ctx, 'cluster', () => Promise.resolve(HttpResponse.json(nodesBody()))),
    ),
    http.get<{ filter: string }, never, JsonObject | OpenSearchErrorBody>(
      `${base}/_nodes/:filter`,
      route(ctx, 'cluster', () => Promise.resolve(HttpResponse.json(nodesBody()))),
    ),
  ];
}
