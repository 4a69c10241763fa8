/**
 * The plugins every native install carries, in install order, and the modules it must have first. Order matters:
 * `opensearch-plugin install` refuses a plugin whose `extended.plugins` are not installed yet (plugins or modules).
 *
 * - ML Commons 2.19+/3.x extends `opensearch-job-scheduler`.
 * - k-NN extends `lang-painless` (+ `transport-grpc` on 3.x, a module the 3.x integ-test zip ships); the Maven zips
 *   hold no native libraries, so only `engine: lucene` indices are safe (an index without an engine defaults to
 *   FAISS and the node dies with an UnsatisfiedLinkError, k-NN #2808).
 * - neural-search extends `opensearch-knn` (+ `transport-grpc` on 3.x); it calls ML Commons through its bundled
 *   ml-client jar, not through `extended.plugins`.
 */
import type { ModuleSpec } from './module-assembly.ts';
import { PAINLESS_MODULE } from './painless.ts';
import { REINDEX_MODULE } from './reindex.ts';
import type { ArtifactRole } from './versions.ts';

export interface PluginSpec {
  readonly role: ArtifactRole;
  /** The descriptor's `name`, i.e. the folder under `plugins/` after install. */
  readonly name: string;
}

export const INSTALLED_PLUGINS: readonly PluginSpec[] = [
  { role: 'job-scheduler', name: 'opensearch-job-scheduler' },
  { role: 'ml-commons', name: 'opensearch-ml' },
  { role: 'knn', name: 'opensearch-knn' },
  { role: 'neural-search', name: 'opensearch-neural-search' },
];

/** Modules assembled from Maven jars when the integ-test zip lacks them, before any plugin is installed. */
export const ASSEMBLED_MODULES: readonly ModuleSpec[] = [REINDEX_MODULE, PAINLESS_MODULE];

export function installedPluginNames(): string[] {
  return INSTALLED_PLUGINS.map((p) => p.name);
}
