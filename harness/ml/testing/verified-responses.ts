/**
 * Response bodies captured from OpenSearch 3.6.0 and 2.19.6 with ML Commons (elided ids and vectors filled in).
 * Unit tests feed them to the client so the schemas stay in line with what real clusters send. `rootInfo` and
 * `indexNotFound` follow OpenSearch core's shapes and were not part of that capture.
 */

export const MODEL_ID = 'wN6UBqIBwydTHp5wtsn1';
const NODE_ID = 'UNH3xN8fRYeW8nR2gXZ1bQ';

export const registerGroup = { model_group_id: 'vN6UBqIBwydTHp5wtMng', status: 'CREATED' };

export const registerModel = { task_id: 'vt6UBqIBwydTHp5wtsn_', status: 'CREATED' };

export const registerTaskCompleted = {
  model_id: MODEL_ID,
  task_type: 'REGISTER_MODEL',
  function_name: 'TEXT_EMBEDDING',
  state: 'COMPLETED',
  worker_node: [NODE_ID],
  create_time: 1795406739069,
  last_update_time: 1795406739684,
  is_async: true,
};

export const deployTaskFailed = {
  model_id: 's0-WBqIBwydTHp5wtsn2',
  task_type: 'DEPLOY_MODEL',
  function_name: 'TEXT_EMBEDDING',
  state: 'FAILED',
  worker_node: ['yMKSs73NTrewEToU_Qtzpw'],
  create_time: 1795406740000,
  last_update_time: 1795406741500,
  error: '{"yMKSs73NTrewEToU_Qtzpw":"\'boolean ai.djl.engine.Engine.hasCapability(java.lang.String)\'"}',
  is_async: true,
};

export const deployModel = { task_id: 'wd6UBqIBwydTHp5wt8n4', task_type: 'DEPLOY_MODEL', status: 'CREATED' };

export const predict = {
  inference_results: [
    {
      output: [
        {
          name: 'sentence_embedding',
          data_type: 'FLOAT32',
          shape: [4],
          data: [-0.13524984, 0.0123, 0.5, -0.25],
        },
      ],
    },
  ],
};

export const undeploy = { [NODE_ID]: { stats: { [MODEL_ID]: 'undeployed' } } };

export const undeployNeverDeployed = { node: { stats: { id: 'not_found' } } };

export const deleteModel = {
  _index: '.plugins-ml-model',
  _id: MODEL_ID,
  _version: 6,
  result: 'deleted',
  forced_refresh: true,
  _shards: { total: 1, successful: 1, failed: 0 },
  _seq_no: 6,
  _primary_term: 1,
};

export const deleteGroup = {
  _index: '.plugins-ml-model-group',
  _id: 'vN6UBqIBwydTHp5wtMng',
  _version: 2,
  result: 'deleted',
  _shards: { total: 1, successful: 1, failed: 0 },
  _seq_no: 3,
  _primary_term: 1,
};

export const modelNotFound = {
  error: {
    root_cause: [{ type: 'status_exception', reason: `Failed to find model with the provided model id: ${MODEL_ID}` }],
    type: 'status_exception',
    reason: `Failed to find model with the provided model id: ${MODEL_ID}`,
  },
  status: 404,
};

export const predictBeforeDeploy = {
  error: {
    root_cause: [{ type: 'illegal_argument_exception', reason: 'Model not ready yet. Please deploy the model first.' }],
    type: 'illegal_argument_exception',
    reason: 'Model not ready yet. Please deploy the model first.',
  },
  status: 400,
};

/** Standard OpenSearch error shape for a missing index (not captured from ML Commons; shape from OpenSearch core). */
export const indexNotFound = {
  error: {
    root_cause: [
      {
        type: 'index_not_found_exception',
        reason: 'no such index [.plugins-ml-model]',
        index: '.plugins-ml-model',
      },
    ],
    type: 'index_not_found_exception',
    reason: 'no such index [.plugins-ml-model]',
    index: '.plugins-ml-model',
  },
  status: 404,
};

export const rootInfo = {
  name: 'node-1',
  cluster_name: 'omlc',
  cluster_uuid: 'x0Yl3m2FQqS7v4M3H1k9Ow',
  version: {
    distribution: 'opensearch',
    number: '3.6.0',
    build_type: 'tar',
    lucene_version: '10.3.1',
    minimum_wire_compatibility_version: '2.19.0',
    minimum_index_compatibility_version: '2.0.0',
  },
  tagline: 'The OpenSearch Project: https://opensearch.org/',
};
