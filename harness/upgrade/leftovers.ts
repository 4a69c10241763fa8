/**
 * What a rehearsal left on the cluster, chunks included: the per-scope leak audit ignores model chunks (they repeat
 * the model's name), but after a delete they are removed asynchronously by delete-by-query (observed on 3.6.0: the
 * last model's chunk still there right after DELETE answered), so "nothing is left" waits for them with a deadline.
 */
import type { Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { OmlcError } from '../errors/omlc-error.ts';
import { pollUntil, summarizeHistory } from '../ml/poll-loop.ts';

export type LeftoverClient = Pick<MlClient, 'searchModels' | 'searchModelGroups'>;

export interface Leftovers {
  readonly models: readonly string[];
  readonly chunks: readonly string[];
  readonly groups: readonly string[];
}

export async function findLeftovers(client: LeftoverClient, namePrefix: string): Promise<Leftovers> {
  const query = { bool: { filter: [{ prefix: { 'name.keyword': namePrefix } }] } };
  const [models, groups] = await Promise.all([
    client.searchModels({ size: 1000, query }),
    client.searchModelGroups({ size: 1000, query }),
  ]);
  const named = (name: string | undefined): boolean => name?.startsWith(namePrefix) === true;
  const modelHits = models.hits.filter((hit) => named(hit.source.name));
  return {
    models: modelHits.filter((hit) => hit.source.chunk_number === undefined).map((hit) => hit.id),
    chunks: modelHits.filter((hit) => hit.source.chunk_number !== undefined).map((hit) => hit.id),
    groups: groups.hits.filter((hit) => named(hit.source.name)).map((hit) => hit.id),
  };
}

function describeLeftovers(found: Leftovers): string {
  const parts = [
    found.models.length === 0 ? '' : `${found.models.length} model(s)`,
    found.chunks.length === 0 ? '' : `${found.chunks.length} chunk(s)`,
    found.groups.length === 0 ? '' : `${found.groups.length} group(s)`,
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}

/** Resolves once nothing named `namePrefix…` remains; a timeout names what was still there. */
export async function waitUntilNothingLeft(
  client: LeftoverClient,
  namePrefix: string,
  options: { readonly timeoutMs: number; readonly clock?: Clock },
): Promise<void> {
  const outcome = await pollUntil<Leftovers>(
    {
      fetch: () => findLeftovers(client, namePrefix),
      stateOf: describeLeftovers,
      classify: (found) => (describeLeftovers(found) === 'nothing' ? 'done' : 'pending'),
    },
    {
      timeoutMs: options.timeoutMs,
      initialIntervalMs: 250,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    },
  );
  if (outcome.kind === 'timeout') {
    throw new LeftoversError(
      `resources named ${namePrefix}… still there after ${options.timeoutMs} ms: ${summarizeHistory(outcome.history)}; ` +
        `ids: ${JSON.stringify(outcome.last ?? {})}`,
    );
  }
}

export class LeftoversError extends OmlcError<'leftovers'> {
  override name = 'LeftoversError';

  constructor(message: string) {
    super('leftovers', message);
  }
}
