import { sha256Hex } from '../artifact/sha256.ts';
import type { SimContext } from '../context.ts';
import { fillTemplate, HttpError } from '../http/errors.ts';
import { MODEL_INDEX } from '../state/store.ts';
import type { ModelDoc, ModelRecord } from '../state/types.ts';
import { createGroup, createModel, replaceModel, updateGroup } from './records.ts';
import type { RegisterMetaInput } from './register-meta-input.ts';

/** `ModelHelper.CHUNK_SIZE`: 10,000,000 bytes is accepted, one byte more (or 10 MiB) is refused. */
export const MAX_CHUNK_BYTES = 10_000_000;

/**
 * `TransportRegisterModelMetaAction` + `MLModelManager.registerModelMeta`: without a group id the group named after
 * the model is reused or created (and, unlike a failed URL registration, never removed again); a given id must
 * exist. The group's `latest_version` goes up and the model document is written at once, REGISTERING, with the
 * declared hash, size and chunk count. Synchronous: the answer carries the model id, there is no task.
 */
export function registerMeta(ctx: SimContext, input: RegisterMetaInput): ModelRecord {
  let groupId = input.modelGroupId;
  if (groupId === undefined) {
    groupId = (ctx.store.findGroupByName(input.name) ?? createGroup(ctx, input.name, input.description)).id;
  }
  const group = ctx.store.groups.get(groupId);
  if (group === undefined) {
    throw new HttpError('groupNotFoundForMeta');
  }
  updateGroup(ctx, group, { latest_version: group.doc.latest_version + 1 });
  const model = createModel(ctx, {
    name: input.name,
    model_group_id: group.id,
    algorithm: 'TEXT_EMBEDDING',
    model_version: String(group.doc.latest_version),
    ...(input.description === undefined ? {} : { description: input.description }),
    model_format: input.format,
    model_state: 'REGISTERING',
    ...(input.sizeInBytes === undefined ? {} : { model_content_size_in_bytes: input.sizeInBytes }),
    model_content_hash_value: input.hash,
    model_config: input.modelConfig,
    total_chunks: input.totalChunks,
    is_hidden: false,
  });
  model.chunks = new Map();
  return model;
}

/** `Integer.parseInt` of the path segment: a sign and digits within int range, anything else a 400. */
export function parseChunkNumber(raw: string): number {
  const value = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value > 2 ** 31 - 1 || value < -(2 ** 31)) {
    throw new HttpError('chunkNumberInvalid', { value: raw });
  }
  return value;
}

/**
 * `MLModelChunkUploader.uploadModelChunk`, in its order: the model must exist, the number must be below
 * total_chunks (a negative one is not refused), the chunk must be non-empty and at most 10,000,000 bytes. The chunk
 * is stored as document `<id>_<n>` (a repeated number overwrites it). The chunk numbered total_chunks - 1 — whatever
 * arrived before it — then rewrites the model document as REGISTERED from a fixed set of fields, which drops
 * `description`, `last_updated_time` and any deploy fields.
 */
export function uploadChunk(ctx: SimContext, modelId: string, chunkNumber: number, bytes: Uint8Array): void {
  const model = ctx.store.models.get(modelId);
  if (model === undefined) {
    throw new HttpError('modelNotFoundForUpload');
  }
  const total = model.doc.total_chunks ?? 0;
  if (total <= chunkNumber && ctx.faults.wrong.ignoreTotalChunks !== true) {
    throw new HttpError('chunkNumberExceeds');
  }
  if (bytes.byteLength === 0) {
    throw new HttpError('chunkEmpty');
  }
  if (bytes.byteLength > MAX_CHUNK_BYTES) {
    throw new HttpError('chunkTooLarge');
  }
  chunksOf(model).set(chunkNumber, bytes);
  ctx.store.nextSeqNo(MODEL_INDEX);
  if (chunkNumber === total - 1) {
    // The answer does not wait for the rewrite: a GET right after the last chunk may still see REGISTERING
    // (recorded on 3.6.0; REGISTERED on 2.19.6), so clients wait for the state.
    ctx.jobs.start(async (job) => {
      await ctx.clock.sleep(ctx.delays.taskStepMs);
      if (job.alive && ctx.store.models.get(model.id) === model) {
        markRegistered(ctx, model, total);
      }
    });
  }
}

/** The fixed field set `MLModelChunkUploader` writes back once the last chunk is stored. */
function markRegistered(ctx: SimContext, model: ModelRecord, total: number): void {
  const doc = model.doc;
  const rewritten: ModelDoc = {
    name: doc.name,
    model_group_id: doc.model_group_id,
    algorithm: doc.algorithm,
    model_version: doc.model_version,
    model_format: doc.model_format,
    model_state: 'REGISTERED',
    ...(doc.model_content_size_in_bytes === undefined
      ? {}
      : { model_content_size_in_bytes: doc.model_content_size_in_bytes }),
    ...(doc.model_content_hash_value === undefined ? {} : { model_content_hash_value: doc.model_content_hash_value }),
    model_config: doc.model_config,
    created_time: doc.created_time,
    total_chunks: total,
    is_hidden: false,
  };
  replaceModel(ctx, model, rewritten);
}

/**
 * A URL-registered model has chunk documents too (written by the register task); they are derived from the
 * downloaded artifact the first time a chunk of such a model is touched.
 */
export function chunksOf(model: ModelRecord): Map<number, Uint8Array> {
  if (model.chunks === undefined) {
    model.chunks = new Map();
    const artifact = model.artifact;
    if (artifact !== undefined) {
      for (let n = 0; n * MAX_CHUNK_BYTES < artifact.byteLength; n += 1) {
        model.chunks.set(n, artifact.subarray(n * MAX_CHUNK_BYTES, (n + 1) * MAX_CHUNK_BYTES));
      }
    }
  }
  return model.chunks;
}

export type AssembledModel =
  | { readonly ok: true; readonly artifact: Uint8Array; readonly sha256: string }
  | { readonly ok: false; readonly error: string };

/**
 * `MLModelManager.retrieveModelChunks` + the hash check of `deployModel`: chunks 0 … total_chunks - 1 are read in
 * order; at the first missing one the deploy fails with "Fail to find model chunk <id>_<n>" when that is the last
 * chunk, else with "Failed to deploy model"; then the joined bytes must hash to model_content_hash_value (exactly,
 * lower-case hex) or the deploy fails with "model content changed". Extra chunks (a negative number) are never read.
 */
export function assembleUploadedModel(
  ctx: SimContext,
  model: ModelRecord,
  chunks: Map<number, Uint8Array>,
): AssembledModel {
  const total = model.doc.total_chunks ?? 0;
  const texts = ctx.profile.taskErrors;
  const parts: Uint8Array[] = [];
  for (let n = 0; n < total; n += 1) {
    const chunk = chunks.get(n);
    if (chunk === undefined) {
      if (ctx.faults.wrong.ignoreTotalChunks === true) {
        continue;
      }
      return {
        ok: false,
        error: n === total - 1 ? fillTemplate(texts.chunkMissing, { id: `${model.id}_${n}` }) : texts.chunksIncomplete,
      };
    }
    parts.push(chunk);
  }
  const artifact = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    artifact.set(part, offset);
    offset += part.byteLength;
  }
  const sha256 = sha256Hex(artifact);
  if (sha256 !== model.doc.model_content_hash_value && ctx.faults.wrong.skipUploadHashCheck !== true) {
    return { ok: false, error: texts.hashMismatch };
  }
  return { ok: true, artifact, sha256 };
}
