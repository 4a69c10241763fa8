/**
 * Response schemas of the ML Commons resource APIs (model groups, models, tasks). Objects are loose (unknown fields
 * are kept) because versions add fields freely; the fields the harness reads are typed strictly, so a change in them
 * surfaces as a `ResponseSchemaError` naming the path. Field lists: ml-commons-behavior.md §5.
 */
import { z } from 'zod';

const TASK_STATES = [
  'CREATED',
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'COMPLETED_WITH_ERROR',
  'CANCELLING',
  'EXPIRED',
] as const;
const taskStateSchema = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof taskStateSchema>;

export const MODEL_STATES = [
  'REGISTERING',
  'REGISTERED',
  'DEPLOYING',
  'DEPLOYED',
  'PARTIALLY_DEPLOYED',
  'UNDEPLOYED',
  'DEPLOY_FAILED',
  // Legacy names still found in documents written by ≤ 2.6 clusters.
  'TRAINED',
  'UPLOADING',
  'UPLOADED',
  'LOADING',
  'LOADED',
  'PARTIALLY_LOADED',
  'UNLOADED',
  'LOAD_FAILED',
] as const;
const modelStateSchema = z.enum(MODEL_STATES);
export type ModelState = z.infer<typeof modelStateSchema>;

const id = z.string().min(1);
const epochMillis = z.number().int().nonnegative();

export const registerModelGroupResponseSchema = z.looseObject({ model_group_id: id, status: z.string() });
export type RegisterModelGroupResponse = z.infer<typeof registerModelGroupResponseSchema>;

export const modelGroupSchema = z.looseObject({
  name: z.string(),
  latest_version: z.number().int().optional(),
  description: z.string().optional(),
  access: z.string().optional(),
  created_time: epochMillis.optional(),
  last_updated_time: epochMillis.optional(),
});
export type ModelGroup = z.infer<typeof modelGroupSchema>;

/** `{"task_id","status":"CREATED"}`; remote models also carry `model_id`. */
export const registerModelResponseSchema = z.looseObject({
  task_id: id,
  status: z.string(),
  model_id: id.optional(),
});
export type RegisterModelResponse = z.infer<typeof registerModelResponseSchema>;

export const deployModelResponseSchema = z.looseObject({
  task_id: id,
  task_type: z.string().optional(),
  status: z.string(),
});
export type DeployModelResponse = z.infer<typeof deployModelResponseSchema>;

/** `{"<nodeId>":{"stats":{"<modelId>":"undeployed"}}}`; a never-deployed model gives `{"node":{"stats":{"id":"not_found"}}}`. */
export const undeployModelResponseSchema = z.record(
  z.string(),
  z.looseObject({ stats: z.record(z.string(), z.string()).optional() }),
);
export type UndeployModelResponse = z.infer<typeof undeployModelResponseSchema>;

export const deleteDocumentResponseSchema = z.looseObject({
  _id: id,
  result: z.string(),
  _index: z.string().optional(),
  _version: z.number().int().optional(),
});
export type DeleteDocumentResponse = z.infer<typeof deleteDocumentResponseSchema>;

const modelConfigSchema = z.looseObject({
  model_type: z.string().optional(),
  embedding_dimension: z.number().int().optional(),
  framework_type: z.string().optional(),
  pooling_mode: z.string().optional(),
  normalize_result: z.boolean().optional(),
  model_max_length: z.number().int().optional(),
  query_prefix: z.string().optional(),
  passage_prefix: z.string().optional(),
  all_config: z.string().optional(),
});

export const modelSchema = z.looseObject({
  name: z.string(),
  model_group_id: z.string().optional(),
  algorithm: z.string().optional(),
  model_version: z.string().optional(),
  model_format: z.string().optional(),
  model_state: modelStateSchema.optional(),
  model_content_size_in_bytes: z.number().int().optional(),
  model_content_hash_value: z.string().optional(),
  model_config: modelConfigSchema.optional(),
  created_time: epochMillis.optional(),
  last_updated_time: epochMillis.optional(),
  last_registered_time: epochMillis.optional(),
  last_deployed_time: epochMillis.optional(),
  last_undeployed_time: epochMillis.optional(),
  total_chunks: z.number().int().optional(),
  current_worker_node_count: z.number().int().optional(),
  planning_worker_node_count: z.number().int().optional(),
});
export type Model = z.infer<typeof modelSchema>;

export const taskSchema = z.looseObject({
  model_id: z.string().optional(),
  task_type: z.string().optional(),
  function_name: z.string().optional(),
  state: taskStateSchema,
  worker_node: z.array(z.string()).optional(),
  create_time: epochMillis.optional(),
  last_update_time: epochMillis.optional(),
  /** Plain text, or for deploy tasks a JSON object string `{"<nodeId>":"<root cause>"}`. */
  error: z.string().optional(),
  is_async: z.boolean().optional(),
});
export type Task = z.infer<typeof taskSchema>;

const searchHitSchema = <S extends z.ZodType>(source: S) =>
  z.looseObject({ _id: id, _index: z.string().optional(), _source: source });

const searchResponseSchema = <S extends z.ZodType>(source: S) =>
  z.looseObject({
    hits: z.looseObject({
      total: z.union([z.number(), z.looseObject({ value: z.number(), relation: z.string().optional() })]).optional(),
      hits: z.array(searchHitSchema(source)),
    }),
  });

/** Search sources stay lenient: the leak audit must list whatever it finds, even documents of a newer version. */
const modelSearchSourceSchema = z.looseObject({
  name: z.string().optional(),
  model_group_id: z.string().optional(),
  model_state: z.string().optional(),
  model_id: z.string().optional(),
  chunk_number: z.number().optional(),
  created_time: z.number().optional(),
});
const modelGroupSearchSourceSchema = z.looseObject({
  name: z.string().optional(),
  created_time: z.number().optional(),
});

export const modelSearchResponseSchema = searchResponseSchema(modelSearchSourceSchema);
export const modelGroupSearchResponseSchema = searchResponseSchema(modelGroupSearchSourceSchema);

export interface SearchHit<Source> {
  readonly id: string;
  readonly source: Source;
}
export type ModelSearchHit = SearchHit<z.infer<typeof modelSearchSourceSchema>>;
export type ModelGroupSearchHit = SearchHit<z.infer<typeof modelGroupSearchSourceSchema>>;
