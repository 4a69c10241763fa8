/**
 * The chunked-upload phases of the lifecycle driver. They share the driver's run-scoped names, current group, ledger
 * and phase timings through hooks, so `model-lifecycle.ts` only hands them over: `lifecycle.upload.registerModel()`
 * is the upload counterpart of `lifecycle.registerModel()`, and `registerMeta()` lets negative checks send the
 * chunks themselves (upload-registration.ts).
 */
import type { Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { waitForModelState } from '../ml/wait-for-model-state.ts';
import { waitForChunksGone } from './chunk-documents.ts';
import type { LifecycleRegisterRequest } from './lifecycle-types.ts';
import type { PhaseTimer } from './phase-timer.ts';
import { registerMeta, uploadChunks, type UploadArtifact, type UploadClient } from './upload-registration.ts';

export interface UploadedModel {
  readonly via: 'upload';
  readonly modelId: string;
  readonly name: string;
  readonly totalChunks: number;
  readonly uploadedBytes: number;
  /** Wall time of the chunks alone (the metadata request excluded). */
  readonly uploadMs: number;
}

export interface MetaRegisteredModel {
  readonly modelId: string;
  readonly name: string;
  readonly totalChunks: number;
  readonly artifact: UploadArtifact;
}

export interface UploadOptions {
  /** Bytes per chunk, default (and at most) 10,000,000. */
  readonly chunkBytes?: number;
  /** Runs between the metadata answer and the first chunk (checks assert the REGISTERING state there). */
  readonly afterMeta?: (meta: MetaRegisteredModel) => Promise<void>;
}

export interface UploadHooks {
  readonly client: UploadClient & Pick<MlClient, 'getModel'>;
  readonly timer: PhaseTimer;
  readonly clock: Clock;
  nameFor(purpose: string): string;
  /** The group the driver registered last, used when the request names none. */
  groupId(): string | undefined;
  /**
   * The driver's ledger entry for a model (and the auto-created group when no group was given); `afterRelease` runs
   * once the model is deleted.
   */
  trackModel(modelId: string, name: string, autoGroup: boolean, afterRelease: () => Promise<void>): void;
  request(): { signal?: AbortSignal };
  /** Deadline (and polling) for waiting on the REGISTERED state after the last chunk. */
  registerWait(): { timeoutMs: number; clock: Clock; signal?: AbortSignal };
  /** Deadline for the chunk documents to vanish after a delete; no signal (it also runs during release). */
  readonly chunkCleanupMs: number;
  readonly progress?: (line: string) => void;
}

export class UploadLifecycle {
  readonly #hooks: UploadHooks;
  /** Models registered by upload whose chunk documents have not been seen gone yet. */
  readonly #uploaded = new Set<string>();

  constructor(hooks: UploadHooks) {
    this.#hooks = hooks;
  }

  /**
   * After the model is deleted: an uploaded model counts as gone once its chunks no longer show in a search (they go
   * lazily, and until then they block deleting their group). A no-op for models that were not uploaded.
   */
  async whenDeleted(modelId: string): Promise<void> {
    if (!this.#uploaded.has(modelId)) {
      return;
    }
    const hooks = this.#hooks;
    await waitForChunksGone(hooks.client, modelId, { timeoutMs: hooks.chunkCleanupMs, clock: hooks.clock });
    this.#uploaded.delete(modelId);
  }

  /**
   * `_register_meta` only: the model, REGISTERING, is in the ledger from the answer on. The chunks are the
   * caller's (`uploadChunks`), so negative checks can send a wrong set.
   */
  async registerMeta(request: LifecycleRegisterRequest, options: UploadOptions = {}): Promise<MetaRegisteredModel> {
    const { url: _url, artifact, name: given, ...meta } = request;
    if (artifact === undefined) {
      throw new Error('upload: the register request has no local artifact (a card zip on this machine) to send');
    }
    const hooks = this.#hooks;
    const name = given ?? hooks.nameFor('model');
    const groupId = request.model_group_id ?? hooks.groupId();
    const { modelId, totalChunks } = await registerMeta({
      client: hooks.client,
      request: { ...meta, name, ...(groupId === undefined ? {} : { model_group_id: groupId }) },
      artifact,
      ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }),
      track: (id) => {
        this.#uploaded.add(id);
        hooks.trackModel(id, name, groupId === undefined, () => this.whenDeleted(id));
      },
      ...hooks.request(),
    });
    return { modelId, name, totalChunks, artifact };
  }

  /**
   * Metadata, then every chunk in order, then the wait for REGISTERED: the answer to the last chunk comes before
   * ML Commons rewrites the model document (seen as REGISTERING on 3.6.0 right after it). The hash is checked at
   * deploy.
   */
  async registerModel(request: LifecycleRegisterRequest, options: UploadOptions = {}): Promise<UploadedModel> {
    const hooks = this.#hooks;
    const name = request.name ?? hooks.nameFor('model');
    return hooks.timer.time('register-model', name, async () => {
      const meta = await this.registerMeta({ ...request, name }, options);
      await options.afterMeta?.(meta);
      const started = hooks.clock.now();
      const uploadedBytes = await uploadChunks({
        client: hooks.client,
        modelId: meta.modelId,
        artifact: meta.artifact,
        ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }),
        label: name,
        clock: hooks.clock,
        ...(hooks.progress === undefined ? {} : { progress: hooks.progress }),
        ...hooks.request(),
      });
      const uploadMs = hooks.clock.now() - started;
      await waitForModelState(hooks.client, meta.modelId, ['REGISTERED'], hooks.registerWait());
      return {
        via: 'upload' as const,
        modelId: meta.modelId,
        name,
        totalChunks: meta.totalChunks,
        uploadedBytes,
        uploadMs,
      };
    });
  }
}
