/**
 * Reads what the pre-flight decides on: ML settings (with defaults, flat), node roles, and free disk of the nodes
 * that can run local models. Free disk is optional: a user without `cluster:monitor/nodes/stats` still gets a run.
 */
import { z } from 'zod';
import type { MlClient } from '../../ml/client.ts';
import { isMlHttpError } from '../../ml/errors.ts';
import type { NodeDisk, PreflightFacts } from './preflight.ts';

const fsStatsSchema = z.looseObject({
  nodes: z.record(
    z.string(),
    z.looseObject({
      name: z.string().optional(),
      roles: z.array(z.string()).optional(),
      fs: z.looseObject({ total: z.looseObject({ available_in_bytes: z.number() }) }).optional(),
    }),
  ),
});

/** `task_dispatcher.eligible_node_role.local_model` default (§7): models run on data or ml nodes. */
const ELIGIBLE_ROLES = ['data', 'ml'];

export type FactsClient = Pick<MlClient, 'getClusterSettings' | 'nodeRoles' | 'transport'>;

async function readNodeDisk(client: Pick<MlClient, 'transport'>): Promise<PreflightFacts['disk']> {
  try {
    const response = await client.transport.send({
      method: 'GET',
      path: '/_nodes/stats/fs',
      querystring: { filter_path: 'nodes.*.name,nodes.*.roles,nodes.*.fs.total.available_in_bytes' },
    });
    const parsed = fsStatsSchema.safeParse(response.body);
    if (!parsed.success) {
      return { error: 'unexpected GET _nodes/stats/fs body' };
    }
    return Object.values(parsed.data.nodes).flatMap((node): NodeDisk[] => {
      const eligible = (node.roles ?? ELIGIBLE_ROLES).some((r) => ELIGIBLE_ROLES.includes(r));
      const available = node.fs?.total.available_in_bytes;
      return eligible && available !== undefined ? [{ node: node.name ?? '?', availableBytes: available }] : [];
    });
  } catch (error) {
    return { error: isMlHttpError(error) ? `GET _nodes/stats/fs → HTTP ${error.status}` : (error as Error).message };
  }
}

export interface FactsInput {
  readonly clusterUrl: string;
  readonly version: string;
  readonly artifactUrl: string;
  readonly artifactBindUrl: string;
}

export async function readPreflightFacts(client: FactsClient, input: FactsInput): Promise<PreflightFacts> {
  const [settings, nodes, disk] = await Promise.all([
    client.getClusterSettings({ includeDefaults: true }),
    client.nodeRoles(),
    readNodeDisk(client),
  ]);
  return { ...input, settings, nodes, disk };
}
