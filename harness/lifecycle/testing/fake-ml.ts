/**
 * An in-memory ML Commons for lifecycle unit tests: just enough state (groups, models, tasks) to check that the driver
 * and the ledger leave nothing behind, with switches for the failures that matter (failed register/deploy, stuck
 * deploy, asynchronous undeploy). HTTP-level behaviour is covered by the client tests against a real socket.
 */
import { MlHttpError } from '../../ml/errors.ts';
import type { PredictResponse } from '../../ml/predict-schema.ts';
import type { Model, ModelState, Task } from '../../ml/schemas.ts';
import type { LifecycleClient } from '../lifecycle-types.ts';

export interface FakeMlBehaviour {
  /** Register task ends FAILED with this error; `keepModel` leaves the model document (and names it in the task). */
  registerFailure?: { error: string; keepModel: boolean; modelIdInTask: boolean };
  deployFailure?: string;
  /** Deploy task stays RUNNING forever. */
  deployStuck?: boolean;
  /** Number of getModel calls after undeploy that still report DEPLOYED (2.x updates the state asynchronously). */
  undeployLag?: number;
  /**
   * The sync-up race after a COMPLETED deploy: `unrouted` — the profile never lists a worker node; `deploy-failed` —
   * the model document turns DEPLOY_FAILED.
   */
  syncUpRace?: 'unrouted' | 'deploy-failed';
  /** `_register_meta` creates the model but the answer is lost (a connection error reaches the client). */
  metaAnswerLost?: boolean;
  /** `upload_chunk` refuses this chunk number with a 500. */
  refuseChunk?: number;
  /** Chunk searches (by model_id) that still find a chunk of a deleted model (ML Commons deletes them lazily). */
  lingeringChunkSearches?: number;
}

interface FakeModel {
  name: string;
  groupId: string;
  state: ModelState;
  undeployLag: number;
  /** Uploaded models: total_chunks and the chunk sizes received by number. */
  totalChunks?: number;
  chunks?: Map<number, number>;
}

const notFound = (path: string, reason: string) =>
  new MlHttpError({ status: 404, method: 'GET', path, body: { error: { type: 'status_exception', reason } } });

export class FakeMl {
  readonly groups = new Map<string, string>();
  readonly models = new Map<string, FakeModel>();
  readonly tasks = new Map<string, Task[]>();
  readonly calls: string[] = [];
  behaviour: FakeMlBehaviour = {};
  #next = 0;

  readonly client: LifecycleClient = {
    registerModelGroup: (request) => {
      this.calls.push(`registerModelGroup ${request.name}`);
      if ([...this.groups.values()].includes(request.name)) {
        return Promise.reject(
          new MlHttpError({ status: 400, method: 'POST', path: '/g', body: { error: 'duplicate' } }),
        );
      }
      const id = this.#id('g');
      this.groups.set(id, request.name);
      return Promise.resolve({ model_group_id: id, status: 'CREATED' });
    },
    deleteModelGroup: (groupId) => {
      this.calls.push(`deleteModelGroup ${groupId}`);
      if (!this.groups.has(groupId)) {
        return Promise.reject(notFound(`/g/${groupId}`, 'Failed to find model group'));
      }
      if ([...this.models.values()].some((m) => m.groupId === groupId)) {
        const body = { error: { reason: 'Cannot delete the model group when it has associated model versions' } };
        return Promise.reject(new MlHttpError({ status: 409, method: 'DELETE', path: `/g/${groupId}`, body }));
      }
      this.groups.delete(groupId);
      return Promise.resolve({ _id: groupId, result: 'deleted' });
    },
    registerModel: (request) => {
      this.calls.push(`registerModel ${request.name}`);
      const groupId = request.model_group_id ?? this.#autoGroup(request.name);
      const modelId = this.#id('m');
      const model: FakeModel = { name: request.name, groupId, state: 'REGISTERING', undeployLag: 0 };
      this.models.set(modelId, model);
      const failure = this.behaviour.registerFailure;
      if (failure === undefined) {
        model.state = 'REGISTERED';
        return this.#task('REGISTER_MODEL', [{ state: 'CREATED' }, { state: 'COMPLETED', model_id: modelId }]);
      }
      if (!failure.keepModel) {
        // ML Commons removes the model document and an auto-created group when registration fails.
        this.models.delete(modelId);
        if (request.model_group_id === undefined) {
          this.groups.delete(groupId);
        }
      }
      const last: Task = {
        state: 'FAILED',
        error: failure.error,
        ...(failure.modelIdInTask ? { model_id: modelId } : {}),
      };
      return this.#task('REGISTER_MODEL', [{ state: 'CREATED' }, last]);
    },
    registerModelMeta: (request) => {
      this.calls.push(`registerModelMeta ${request.name} ${String(request.total_chunks)}`);
      const groupId = request.model_group_id ?? this.#autoGroup(request.name);
      const modelId = this.#id('m');
      this.models.set(modelId, {
        name: request.name,
        groupId,
        state: 'REGISTERING',
        undeployLag: 0,
        totalChunks: request.total_chunks ?? 0,
        chunks: new Map(),
      });
      if (this.behaviour.metaAnswerLost === true) {
        return Promise.reject(new Error('socket hang up'));
      }
      return Promise.resolve({ model_id: modelId, status: 'CREATED' });
    },
    uploadModelChunk: (modelId, chunkNumber, bytes) => {
      this.calls.push(`uploadModelChunk ${modelId} ${String(chunkNumber)} ${bytes.byteLength}`);
      const model = this.models.get(modelId);
      if (model?.chunks === undefined) {
        return Promise.reject(notFound(`/m/${modelId}/upload_chunk`, 'Failed to find model'));
      }
      if (this.behaviour.refuseChunk === Number(chunkNumber)) {
        const body = { error: { type: 'exception', reason: 'Chunk number exceeds total chunks' } };
        return Promise.reject(new MlHttpError({ status: 500, method: 'POST', path: '/upload_chunk', body }));
      }
      model.chunks.set(Number(chunkNumber), bytes.byteLength);
      if (Number(chunkNumber) === (model.totalChunks ?? 0) - 1) {
        model.state = 'REGISTERED';
      }
      return Promise.resolve({ status: 'Uploaded' });
    },
    getModel: (modelId) => {
      this.calls.push(`getModel ${modelId}`);
      const model = this.models.get(modelId);
      if (model === undefined) {
        return Promise.reject(notFound(`/m/${modelId}`, `Failed to find model with the provided model id: ${modelId}`));
      }
      if (model.state === 'UNDEPLOYED' && model.undeployLag > 0) {
        model.undeployLag -= 1;
        return Promise.resolve({
          name: model.name,
          model_group_id: model.groupId,
          model_state: 'DEPLOYED',
        } satisfies Model);
      }
      return Promise.resolve({ name: model.name, model_group_id: model.groupId, model_state: model.state });
    },
    searchModels: (request) => {
      this.calls.push('searchModels');
      const chunkOf = JSON.stringify(request.query).match(/"model_id":"([^"]+)"/)?.[1];
      if (chunkOf !== undefined) {
        const lingering = this.behaviour.lingeringChunkSearches ?? 0;
        this.behaviour.lingeringChunkSearches = Math.max(0, lingering - 1);
        const hits = lingering > 0 ? [{ id: `${chunkOf}_0`, source: { chunk_number: 0, model_id: chunkOf } }] : [];
        return Promise.resolve({ total: hits.length, hits });
      }
      const name = JSON.stringify(request.query).match(/"name\.keyword":"([^"]+)"/)?.[1];
      const hits = [...this.models.entries()]
        .filter(([, m]) => m.name === name)
        .map(([id, m]) => ({ id, source: { name: m.name, model_state: m.state } }));
      return Promise.resolve({ total: hits.length, hits });
    },
    deployModel: (modelId) => {
      this.calls.push(`deployModel ${modelId}`);
      const model = this.models.get(modelId);
      if (model === undefined) {
        return Promise.reject(notFound(`/m/${modelId}`, 'Failed to find model'));
      }
      model.state = 'DEPLOYING';
      const { deployFailure, deployStuck } = this.behaviour;
      if (deployStuck === true) {
        return this.#task('DEPLOY_MODEL', [{ state: 'RUNNING' }]);
      }
      if (deployFailure !== undefined) {
        model.state = 'DEPLOY_FAILED';
        return this.#task('DEPLOY_MODEL', [
          { state: 'RUNNING' },
          { state: 'FAILED', error: `{"n1":"${deployFailure}"}` },
        ]);
      }
      model.state = this.behaviour.syncUpRace === 'deploy-failed' ? 'DEPLOY_FAILED' : 'DEPLOYED';
      return this.#task('DEPLOY_MODEL', [{ state: 'RUNNING' }, { state: 'COMPLETED', model_id: modelId }]);
    },
    undeployModel: (modelId) => {
      this.calls.push(`undeployModel ${modelId}`);
      const model = this.models.get(modelId);
      if (model === undefined || (model.state !== 'DEPLOYED' && model.state !== 'DEPLOYING')) {
        return Promise.resolve({ node: { stats: { id: 'not_found' } } });
      }
      model.state = 'UNDEPLOYED';
      model.undeployLag = this.behaviour.undeployLag ?? 0;
      return Promise.resolve({ n1: { stats: { [modelId]: 'undeployed' } } });
    },
    deleteModel: (modelId) => {
      this.calls.push(`deleteModel ${modelId}`);
      const model = this.models.get(modelId);
      if (model === undefined) {
        return Promise.reject(notFound(`/m/${modelId}`, 'Failed to find model'));
      }
      if (model.state === 'DEPLOYED' || model.state === 'DEPLOYING') {
        const body = { error: { reason: 'Model cannot be deleted in deploying or deployed state.' } };
        return Promise.reject(new MlHttpError({ status: 400, method: 'DELETE', path: `/m/${modelId}`, body }));
      }
      this.models.delete(modelId);
      return Promise.resolve({ _id: modelId, result: 'deleted' });
    },
    getTask: (taskId) => {
      const script = this.tasks.get(taskId);
      if (script === undefined) {
        return Promise.reject(notFound(`/t/${taskId}`, 'Failed to find task'));
      }
      const step = script.length > 1 ? script.shift() : script[0];
      return Promise.resolve({ create_time: 1000, last_update_time: 1600, ...step } as Task);
    },
    getModelProfile: (modelId) => {
      this.calls.push(`getModelProfile ${modelId}`);
      const model = this.models.get(modelId);
      if (model?.state !== 'DEPLOYED' || this.behaviour.syncUpRace === 'unrouted') {
        return Promise.resolve({});
      }
      const entry = { model_state: 'DEPLOYED', worker_nodes: ['n1'], target_worker_nodes: ['n1'] };
      return Promise.resolve({ nodes: { n1: { models: { [modelId]: entry } } } });
    },
    predict: (modelId, request) => {
      this.calls.push(`predict ${modelId}`);
      const output = [{ name: 'sentence_embedding', data_type: 'FLOAT32', shape: [2], data: [0.6, 0.8] }];
      return Promise.resolve({
        inference_results: request.text_docs.map(() => ({ output })),
      } satisfies PredictResponse);
    },
  };

  /** True when no model or group is left. */
  get empty(): boolean {
    return this.models.size === 0 && this.groups.size === 0;
  }

  #autoGroup(name: string): string {
    const id = this.#id('auto-g');
    this.groups.set(id, name);
    return id;
  }

  #task(taskType: string, script: Partial<Task>[]): Promise<{ task_id: string; status: string; task_type: string }> {
    const id = this.#id('t');
    this.tasks.set(
      id,
      script.map((step): Task => ({ task_type: taskType, state: 'CREATED', ...step })),
    );
    return Promise.resolve({ task_id: id, status: 'CREATED', task_type: taskType });
  }

  #id(prefix: string): string {
    this.#next += 1;
    return `${prefix}${this.#next}`;
  }
}
