/**
 * Cluster-level calls: server info (version gating), cluster settings (the harness enables URL registration and
 * restores the previous values afterwards), and node roles (does any node carry the `ml` role?).
 */
import { call } from './call.ts';
import {
  clusterSettingsSchema,
  nodesResponseSchema,
  putClusterSettingsResponseSchema,
  rootInfoSchema,
  type ClusterSettings,
  type PutClusterSettingsResponse,
} from './cluster-schemas.ts';
import type { MlTransport, RequestOptions } from './transport.ts';

export interface ClusterInfo {
  /** e.g. `2.19.6` */
  readonly versionNumber: string;
  /** `opensearch`, or `unknown` when the server does not say. */
  readonly distribution: string;
  readonly clusterName: string | undefined;
}

export interface NodeRoles {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly version: string;
}

/** A value for `PUT _cluster/settings`; `null` resets the setting to its default. */
export type SettingValue = string | number | boolean | readonly string[] | null;

export interface PutClusterSettingsRequest {
  readonly persistent?: Readonly<Record<string, SettingValue>>;
  readonly transient?: Readonly<Record<string, SettingValue>>;
}

export interface GetClusterSettingsOptions extends RequestOptions {
  /** Default true: the harness needs to know defaults to restore a setting faithfully. */
  readonly includeDefaults?: boolean;
}

export interface ClusterApi {
  info(options?: RequestOptions): Promise<ClusterInfo>;
  getClusterSettings(options?: GetClusterSettingsOptions): Promise<ClusterSettings>;
  putClusterSettings(request: PutClusterSettingsRequest, options?: RequestOptions): Promise<PutClusterSettingsResponse>;
  nodeRoles(options?: RequestOptions): Promise<NodeRoles[]>;
}

export function clusterApi(transport: MlTransport): ClusterApi {
  return {
    async info(options) {
      const body = await call(transport, { method: 'GET', path: '/', endpoint: 'GET /' }, rootInfoSchema, options);
      return {
        versionNumber: body.version.number,
        distribution: body.version.distribution ?? 'unknown',
        clusterName: body.cluster_name,
      };
    },

    getClusterSettings(options) {
      const request = {
        method: 'GET',
        path: '/_cluster/settings',
        endpoint: 'GET /_cluster/settings',
        querystring: { flat_settings: true, include_defaults: options?.includeDefaults ?? true },
      } as const;
      return call(transport, request, clusterSettingsSchema, options);
    },

    putClusterSettings(request, options) {
      const body = { persistent: request.persistent ?? {}, transient: request.transient ?? {} };
      const put = { method: 'PUT', path: '/_cluster/settings', endpoint: 'PUT /_cluster/settings', body } as const;
      return call(
        transport,
        { ...put, querystring: { flat_settings: true } },
        putClusterSettingsResponseSchema,
        options,
      );
    },

    async nodeRoles(options) {
      const request = {
        method: 'GET',
        path: '/_nodes',
        endpoint: 'GET /_nodes',
        querystring: { filter_path: 'nodes.*.name,nodes.*.roles,nodes.*.version' },
      } as const;
      const body = await call(transport, request, nodesResponseSchema, options);
      return Object.entries(body.nodes).map(([id, node]) => ({
        id,
        name: node.name,
        roles: node.roles,
        version: node.version,
      }));
    },
  };
}

/** The effective value of a flat setting: transient wins over persistent, which wins over the default. */
export function effectiveSetting(settings: ClusterSettings, key: string): unknown {
  for (const scope of [settings.transient, settings.persistent, settings.defaults ?? {}]) {
    if (Object.hasOwn(scope, key)) {
      return scope[key];
    }
  }
  return undefined;
}
