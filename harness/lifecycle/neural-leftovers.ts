/**
 * Ingest pipelines and indices the neural checks created, found by name prefix like models and groups. Both listings
 * read the cluster state (not a search), so unlike models there is no refresh lag and no confirming GET is needed.
 * Indices go before pipelines when sweeping (an index names its pipeline as `default_pipeline`).
 */
import { errorMessage } from '../errors/error-message.ts';
import type { MlClient } from '../ml/client.ts';
import { isMlHttpError } from '../ml/errors.ts';

export type NeuralAuditClient = Pick<MlClient, 'getPipelines' | 'listIndices' | 'deletePipeline' | 'deleteIndex'>;

export interface NeuralLeftover {
  readonly kind: 'index' | 'ingest-pipeline';
  /** For both kinds the id is the name. */
  readonly id: string;
  readonly name: string;
}

export async function findNeuralLeftovers(client: NeuralAuditClient, prefix: string): Promise<NeuralLeftover[]> {
  const [indices, pipelines] = await Promise.all([client.listIndices(`${prefix}*`), client.getPipelines(`${prefix}*`)]);
  // Filter again locally: the prefix must hold even if a server (or a simulator) widened the pattern.
  return [
    ...indices.filter((name) => name.startsWith(prefix)).map((name) => ({ kind: 'index' as const, id: name, name })),
    ...Object.keys(pipelines)
      .filter((name) => name.startsWith(prefix))
      .map((name) => ({ kind: 'ingest-pipeline' as const, id: name, name })),
  ];
}

export interface NeuralSweepEntry extends NeuralLeftover {
  readonly outcome: 'deleted' | 'already-gone' | 'failed';
  readonly error?: string;
}

export async function sweepNeuralLeftovers(
  client: NeuralAuditClient,
  leftovers: readonly NeuralLeftover[],
): Promise<NeuralSweepEntry[]> {
  const ordered = [...leftovers.filter((l) => l.kind === 'index'), ...leftovers.filter((l) => l.kind !== 'index')];
  const entries: NeuralSweepEntry[] = [];
  for (const leftover of ordered) {
    try {
      await (leftover.kind === 'index' ? client.deleteIndex(leftover.id) : client.deletePipeline(leftover.id));
      entries.push({ ...leftover, outcome: 'deleted' });
    } catch (error) {
      entries.push(
        isMlHttpError(error, 404)
          ? { ...leftover, outcome: 'already-gone' }
          : { ...leftover, outcome: 'failed', error: errorMessage(error) },
      );
    }
  }
  return entries;
}
