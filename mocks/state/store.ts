import { IndexStore } from '../neural/index-store.ts';
import type { GroupRecord, ModelRecord, RequestLogEntry, TaskRecord } from './types.ts';

export const MODEL_INDEX = '.plugins-ml-model';
export const GROUP_INDEX = '.plugins-ml-model-group';
export const TASK_INDEX = '.plugins-ml-task';

export type SystemIndex = typeof MODEL_INDEX | typeof GROUP_INDEX | typeof TASK_INDEX;

/** Keeps at most this many request-log entries: enough for any single test, bounded for long runs. */
const REQUEST_LOG_LIMIT = 2000;

/**
 * The simulated cluster's documents. Maps preserve insertion order, which is also the order `_search` returns
 * equally scored hits in. `_seq_no` is per index, like a single-shard index on a real node; model chunk documents
 * live in the model index on a real cluster, so registering bumps that counter once per chunk; chunks are kept with
 * their model record (`chunks`, or derived from the artifact) and listed by a model search (search/chunk-docs.ts).
 */
export class Store {
  readonly models = new Map<string, ModelRecord>();
  readonly groups = new Map<string, GroupRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  readonly requests: RequestLogEntry[] = [];
  /** Ingest pipelines and user indices (k-NN / neural-search). */
  readonly neural = new IndexStore();
  /**
   * Chunk documents of deleted models that searches still see until the next refresh (`Delays.refreshMs`), by
   * chunk document id; the deliberate `keepChunksAfterDelete` misbehaviour leaves them for good.
   */
  readonly staleChunks = new Map<string, { readonly id: string; readonly source: Record<string, unknown> }>();
  readonly #seqNo = new Map<SystemIndex, number>();

  /**
   * ML Commons creates its system indices lazily, on the first write (`initModelIndexIfAbsent` & co.), and a fresh
   * cluster has none; some answers differ while an index is absent (GET of a model, DELETE of a group). An index
   * exists once anything was written to it, and stays when its last document is deleted.
   */
  indexExists(index: SystemIndex): boolean {
    return this.#seqNo.has(index);
  }

  /** The last `_seq_no` given out in `index` (-1 before the first write). */
  latestSeqNo(index: SystemIndex): number {
    return this.#seqNo.get(index) ?? -1;
  }

  /** Next `_seq_no` of `index` (0-based, as OpenSearch counts). */
  nextSeqNo(index: SystemIndex, writes = 1): number {
    const next = (this.#seqNo.get(index) ?? -1) + writes;
    this.#seqNo.set(index, next);
    return next;
  }

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > REQUEST_LOG_LIMIT) {
      this.requests.splice(0, this.requests.length - REQUEST_LOG_LIMIT);
    }
  }

  /** Models that belong to a group, in registration order. */
  modelsInGroup(groupId: string): ModelRecord[] {
    return [...this.models.values()].filter((model) => model.doc.model_group_id === groupId);
  }

  findGroupByName(name: string): GroupRecord | undefined {
    return [...this.groups.values()].find((group) => group.doc.name === name);
  }

  clear(): void {
    this.models.clear();
    this.groups.clear();
    this.tasks.clear();
    this.requests.length = 0;
    this.staleChunks.clear();
    this.#seqNo.clear();
    this.neural.clear();
  }
}
