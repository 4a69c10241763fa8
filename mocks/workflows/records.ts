import type { SimContext } from '../context.ts';
import { documentId } from '../ids.ts';
import { chunkSearchDocs } from '../search/chunk-docs.ts';
import { GROUP_INDEX, MODEL_INDEX, TASK_INDEX } from '../state/store.ts';
import type { GroupRecord, ModelDoc, ModelRecord, TaskDoc, TaskRecord, TaskType } from '../state/types.ts';

/**
 * Small write helpers so every document change bumps `_version`, `_seq_no` and `last_updated_time` the same way a
 * real index update would — the delete answers (`_version`, `_seq_no`) are derived from this history.
 */

export function createTask(ctx: SimContext, taskType: TaskType, extra: Partial<TaskDoc> = {}): TaskRecord {
  const now = ctx.clock.now();
  const record: TaskRecord = {
    id: documentId(),
    version: 1,
    doc: {
      task_type: taskType,
      function_name: 'TEXT_EMBEDDING',
      state: 'CREATED',
      worker_node: [ctx.node.id],
      create_time: now,
      last_update_time: now,
      is_async: true,
      ...extra,
    },
  };
  ctx.store.tasks.set(record.id, record);
  ctx.store.nextSeqNo(TASK_INDEX);
  return record;
}

export function updateTask(ctx: SimContext, task: TaskRecord, changes: Partial<TaskDoc>): void {
  task.doc = { ...task.doc, ...changes, last_update_time: ctx.clock.now() };
  task.version += 1;
  ctx.store.nextSeqNo(TASK_INDEX);
}

export function createGroup(ctx: SimContext, name: string, description?: string): GroupRecord {
  const now = ctx.clock.now();
  const record: GroupRecord = {
    id: documentId(),
    version: 1,
    doc: {
      name,
      latest_version: 0,
      ...(description === undefined ? {} : { description }),
      // Without the security plugin ML Commons stores every group as public.
      access: 'public',
      created_time: now,
      last_updated_time: now,
    },
  };
  ctx.store.groups.set(record.id, record);
  ctx.store.nextSeqNo(GROUP_INDEX);
  return record;
}

export function updateGroup(ctx: SimContext, group: GroupRecord, changes: Partial<GroupRecord['doc']>): void {
  group.doc = { ...group.doc, ...changes, last_updated_time: ctx.clock.now() };
  group.version += 1;
  ctx.store.nextSeqNo(GROUP_INDEX);
}

export function createModel(ctx: SimContext, doc: Omit<ModelDoc, 'created_time' | 'last_updated_time'>): ModelRecord {
  const now = ctx.clock.now();
  const record: ModelRecord = {
    id: documentId(),
    version: 1,
    doc: { ...doc, created_time: now, last_updated_time: now },
    loadedOn: new Set(),
    deployGeneration: 0,
  };
  ctx.store.models.set(record.id, record);
  ctx.store.nextSeqNo(MODEL_INDEX);
  return record;
}

/**
 * `extraWrites` accounts for chunk documents written to the model index alongside the update; `unset` lists fields
 * the update removes from the document.
 */
export function updateModel(
  ctx: SimContext,
  model: ModelRecord,
  changes: Partial<ModelDoc>,
  options: { extraWrites?: number; unset?: readonly (keyof ModelDoc)[] } = {},
): void {
  const doc: ModelDoc = { ...model.doc, ...changes, last_updated_time: ctx.clock.now() };
  for (const key of options.unset ?? []) {
    delete doc[key];
  }
  model.doc = doc;
  model.version += 1;
  ctx.store.nextSeqNo(MODEL_INDEX, 1 + (options.extraWrites ?? 0));
}

/** Replaces the whole model document (an index request with the model's id, not an update): no field survives. */
export function replaceModel(ctx: SimContext, model: ModelRecord, doc: ModelDoc): void {
  model.doc = doc;
  model.version += 1;
  ctx.store.nextSeqNo(MODEL_INDEX);
}

/** What a delete answers: the tombstone's `_version` and `_seq_no`, and whether a document was there. */
export interface DeleteOutcome {
  readonly version: number;
  readonly seqNo: number;
  readonly result: 'deleted' | 'not_found';
}

/**
 * Deletes the model document, then its chunk documents (a delete-by-query after the answer, so each chunk tombstone
 * takes a `_seq_no` after the delete's own: the recorded model deletes of 2.19.6 and 3.6.0 line up only so).
 */
export function deleteModel(ctx: SimContext, model: ModelRecord): DeleteOutcome {
  ctx.store.models.delete(model.id);
  const seqNo = ctx.store.nextSeqNo(MODEL_INDEX);
  // The chunk documents go by a delete-by-query after the answer, without refresh: searches see them a while longer.
  const stale = chunkSearchDocs(model);
  for (const doc of stale) {
    ctx.store.staleChunks.set(doc.id, doc);
  }
  if (stale.length > 0 && ctx.faults.wrong.keepChunksAfterDelete !== true) {
    ctx.store.nextSeqNo(MODEL_INDEX, stale.length);
    ctx.jobs.start(async (job) => {
      await ctx.clock.sleep(ctx.delays.refreshMs);
      if (job.alive) {
        for (const doc of stale) {
          ctx.store.staleChunks.delete(doc.id);
        }
      }
    });
  }
  return { version: model.version + 1, seqNo, result: 'deleted' };
}

export function deleteGroup(ctx: SimContext, group: GroupRecord): DeleteOutcome {
  ctx.store.groups.delete(group.id);
  return { version: group.version + 1, seqNo: ctx.store.nextSeqNo(GROUP_INDEX), result: 'deleted' };
}

/** Deleting an id the group index never held still writes a tombstone: `_version` 1, a new `_seq_no`. */
export function deleteMissingGroup(ctx: SimContext): DeleteOutcome {
  return { version: 1, seqNo: ctx.store.nextSeqNo(GROUP_INDEX), result: 'not_found' };
}
