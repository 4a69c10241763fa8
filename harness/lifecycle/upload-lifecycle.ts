/**
 * The chunked-upload phases of the lifecycle driver. They share the driver's run-scoped names, current group, ledger
 * and phase timings through hooks, so `model-lifecycle.ts` only hands them over: `lifecycle.upload.registerModel()`
 * is the upload counterpart of `lifecycle.registerModel()`, and `registerMeta()` lets negative checks send the
 * chunks themselves (upload-registration.ts).
 */
import type { Clock } from '../ml/clock.ts';
import type { LifecycleRegisterRequest } from './model-lifecycle.ts';
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
}

export interface UploadHooks {
  readonly client: UploadClient;
  readonly timer: PhaseTimer;
  readonly clock: Pick<Clock, 'now'>;
  nameFor(purpose: string): string;
  /** The group the driver registered last, used when the request names none. */
  groupId(): string | undefined;
  /** The driver's ledger entry for a model (and the auto-created group when no group was given). */
  trackModel(modelId: string, name: string, autoGroup: boolean): void;
  request(): { signal?: AbortSignal };
  readonly progress?: (line: string) => void;
}

export class UploadLifecycle {
  readonly #hooks: UploadHooks;

  constructor(hooks: UploadHooks) {
    this.#hooks = hooks;
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
        hooks.trackModel(id, name, groupId === undefined);
      },
      ...hooks.request(),
    });
    return { modelId, name, totalChunks, artifact };
  }

  /** Metadata, then every chunk in order: the model ends REGISTERED (ML Commons checks the hash at deploy). */
  async registerModel(request: LifecycleRegisterRequest, options: UploadOptions = {}): Promise<UploadedModel> {
    const hooks = this.#hooks;
    const name = request.name ?? hooks.nameFor('model');
    return hooks.timer.time('register-model', name, async () => {
      const meta = await this.registerMeta({ ...request, name }, options);
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
      return {
        via: 'upload' as const,
        modelId: meta.modelId,
        name,
        totalChunks: meta.totalChunks,
        uploadedBytes,
        uploadMs: hooks.clock.now() - started,
      };
    });
  }
}
