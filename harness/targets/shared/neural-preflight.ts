/**
 * The neural checks' pre-flight: are the k-NN and neural-search plugins on every node, and can the target run the
 * configured k-NN engine? The answer travels with the target (`target.neural`) and becomes the skip reason of every
 * `neural.*` check, so a cluster without the plugins reports why instead of failing on the first index creation.
 */
import { errorMessage } from '../../errors/error-message.ts';
import type { KnnEngine } from '../../neural/index-spec.ts';
import type { NeuralApi } from '../../neural/neural-api.ts';
import type { PluginRow } from '../../neural/neural-schemas.ts';
import type { NeuralSupport, TargetKind } from '../target-info.ts';

export const NEURAL_PLUGINS = [
  { component: 'opensearch-knn', label: 'k-NN' },
  { component: 'opensearch-neural-search', label: 'neural-search' },
] as const;

/** Only lucene on the native target: its Maven k-NN zip has no FAISS/NMSLIB natives, and a FAISS index kills the node. */
export function engineProblem(kind: TargetKind, engine: KnnEngine): string | undefined {
  if (engine === 'lucene') {
    return undefined;
  }
  if (kind === 'native') {
    return (
      `OMLC_KNN_ENGINE=${engine}: the native target's k-NN plugin (the Maven zip) carries no native libraries, and ` +
      `an index on ${engine} would crash the node; only lucene runs there`
    );
  }
  if (kind === 'simulator') {
    return `OMLC_KNN_ENGINE=${engine}: the simulator models the lucene engine only`;
  }
  return undefined;
}

/** Which of the two plugins each node lacks, as one sentence; undefined when every node has both. */
export function missingPlugins(rows: readonly PluginRow[], label: string): string | undefined {
  const nodes = [...new Set(rows.map((row) => row.name))];
  if (nodes.length === 0) {
    return `the neural checks need the k-NN and neural-search plugins; ${label} lists no plugins at all`;
  }
  const gaps = NEURAL_PLUGINS.flatMap((plugin) => {
    const without = nodes.filter((node) => !rows.some((r) => r.name === node && r.component === plugin.component));
    if (without.length === 0) {
      return [];
    }
    const where = without.length === nodes.length ? 'is not installed' : `is missing on node(s) ${without.join(', ')}`;
    return [`the ${plugin.label} plugin (${plugin.component}) ${where}`];
  });
  return gaps.length === 0 ? undefined : `${gaps.join(' and ')} on ${label}: the neural checks need both`;
}

export async function probeNeuralSupport(
  client: Pick<NeuralApi, 'listPlugins'>,
  target: { readonly kind: TargetKind; readonly label: string },
  engine: KnnEngine,
): Promise<NeuralSupport> {
  const engineIssue = engineProblem(target.kind, engine);
  if (engineIssue !== undefined) {
    return { engine, unavailable: engineIssue };
  }
  let rows: PluginRow[];
  try {
    rows = await client.listPlugins();
  } catch (error) {
    return {
      engine,
      unavailable: `could not list the plugins of ${target.label} (GET _cat/plugins): ${errorMessage(error)}`,
    };
  }
  const missing = missingPlugins(rows, target.label);
  return missing === undefined ? { engine } : { engine, unavailable: missing };
}
