/**
 * Documents as ML Commons stores them (snake_case, as `GET` returns them) plus the simulator's private bookkeeping
 * kept beside them (`Record` wrappers), so a GET is a plain copy of `doc`.
 */

export type ModelFormat = 'TORCH_SCRIPT' | 'ONNX';

export type ModelState =
  'REGISTERING' | 'REGISTERED' | 'DEPLOYING' | 'DEPLOYED' | 'PARTIALLY_DEPLOYED' | 'UNDEPLOYED' | 'DEPLOY_FAILED';

export type TaskState = 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'COMPLETED_WITH_ERROR';

export type TaskType = 'REGISTER_MODEL' | 'DEPLOY_MODEL';

/** model_config as stored after parsing: enum fields upper-cased, unknown keys dropped (ML Commons skips them). */
export interface StoredModelConfig {
  model_type: string;
  embedding_dimension: number;
  framework_type: string;
  all_config?: string;
  additional_config?: Record<string, unknown>;
  pooling_mode?: string;
  normalize_result?: boolean;
  model_max_length?: number;
  query_prefix?: string;
  passage_prefix?: string;
}

export interface ModelDoc {
  name: string;
  model_group_id: string;
  algorithm: 'TEXT_EMBEDDING';
  model_version: string;
  description?: string;
  model_format: ModelFormat;
  model_state: ModelState;
  model_content_size_in_bytes?: number;
  model_content_hash_value?: string;
  model_config: StoredModelConfig;
  url?: string;
  created_time: number;
  /** Absent after the last upload chunk: ML Commons then rewrites the model document without it. */
  last_updated_time?: number;
  last_registered_time?: number;
  last_deployed_time?: number;
  total_chunks?: number;
  planning_worker_node_count?: number;
  current_worker_node_count?: number;
  planning_worker_nodes?: string[];
  deploy_to_all_nodes?: boolean;
  is_hidden?: boolean;
}

export interface ModelRecord {
  readonly id: string;
  doc: ModelDoc;
  /** Document `_version`: 1 at creation, +1 per update (the delete answer shows the next one). */
  version: number;
  /** The downloaded artifact, kept for inference once registration succeeded. */
  artifact?: Uint8Array;
  /** Hash the simulator computed (the doc holds the one the client declared, which must match it). */
  sha256?: string;
  /**
   * Chunked upload only (`_register_meta`): the chunks received so far by number, each a `<id>_<n>` document of
   * the model index. Deploy assembles them in order and checks the declared hash.
   */
  chunks?: Map<number, Uint8Array>;
  /** Nodes that hold the model in memory; predict works iff non-empty (not the doc state: see ignoreUndeploy). */
  loadedOn: Set<string>;
  /** Bumped by every deploy/undeploy so a stale deploy job does not overwrite a newer decision. */
  deployGeneration: number;
  /** A misbehaving simulator already lost one undeploy of this model (WrongBehaviour.ignoreUndeploy). */
  undeployLost?: boolean;
}

export interface GroupDoc {
  name: string;
  latest_version: number;
  description?: string;
  access: string;
  created_time: number;
  last_updated_time: number;
}

export interface GroupRecord {
  readonly id: string;
  doc: GroupDoc;
  version: number;
}

export interface TaskDoc {
  model_id?: string;
  task_type: TaskType;
  function_name: 'TEXT_EMBEDDING';
  state: TaskState;
  worker_node: string[];
  create_time: number;
  last_update_time: number;
  error?: string;
  is_async: true;
}

export interface TaskRecord {
  readonly id: string;
  doc: TaskDoc;
  version: number;
}

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly endpoint: string;
  /** What the simulator did: the HTTP status, `dropped` for a simulated connection drop. */
  readonly outcome: number | 'dropped';
  readonly at: number;
}
