/**
 * The kinds of resource the harness creates on a cluster, as the sweeps and audits see them. Every name starts with
 * `omlc-<runId>-`, so one prefix finds a run's resources (`omlc-<runId>-`), a scope's (`omlc-<runId>-<scope>-`) or
 * every run's (`omlc-`). A kind says how to list the names under a prefix, confirm that a hit still exists (search
 * results lag deletes by the index refresh) and remove one; `releaseOrder` removes dependants first (models before
 * the groups that hold them, indices and pipelines before the models they name). A new kind is one more entry in
 * SWEEPABLE_KINDS.
 */
import type { Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { MODEL_GROUP_KIND, MODEL_KIND } from './ml-resource-kinds.ts';
import { INDEX_KIND, INGEST_PIPELINE_KIND } from './neural-resource-kinds.ts';

export interface FoundResource {
  /** `model`, `model-group`, … (the kind's `kind`). */
  readonly kind: string;
  readonly id: string;
  readonly name: string;
  /** When the cluster says it was created (epoch ms). */
  readonly createdAt?: number;
  /** What the cluster says it is doing, e.g. `DEPLOYED`, for listings. */
  readonly state?: string;
}

export interface KindReleaseOptions {
  /** Budget per resource for the waits a removal needs (undeploy, a register or deploy still in flight). */
  readonly budgetMs: number;
  /** A second Ctrl-C: shorten the waits, still remove. */
  readonly hurry?: AbortSignal;
  readonly clock?: Clock;
}

export interface SweepableKind {
  readonly kind: string;
  /** Lower is removed first. */
  readonly releaseOrder: number;
  /** Every resource of this kind whose name starts with `namePrefix` (search results: may include just-deleted ones). */
  find(client: MlClient, namePrefix: string): Promise<FoundResource[]>;
  /** A realtime lookup: false once it is gone. */
  exists(client: MlClient, resource: FoundResource): Promise<boolean>;
  /** Removes it (a 404 propagates, meaning already gone). */
  release(client: MlClient, resource: FoundResource, options: KindReleaseOptions): Promise<void>;
}

export const SWEEPABLE_KINDS: readonly SweepableKind[] = [
  INDEX_KIND,
  INGEST_PIPELINE_KIND,
  MODEL_KIND,
  MODEL_GROUP_KIND,
];

export function kindOf(kind: string, kinds: readonly SweepableKind[] = SWEEPABLE_KINDS): SweepableKind {
  const found = kinds.find((k) => k.kind === kind);
  if (found === undefined) {
    throw new Error(`no sweepable resource kind "${kind}" (known: ${kinds.map((k) => k.kind).join(', ')})`);
  }
  return found;
}
