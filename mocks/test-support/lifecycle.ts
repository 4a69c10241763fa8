import { expect } from 'vitest';
import { sha256Hex } from '../artifact/sha256.ts';
import { at, str } from './json.ts';
import type { TestClient } from './client.ts';

export const SYMMETRIC_CONFIG = {
  model_type: 'bert',
  embedding_dimension: 8,
  framework_type: 'sentence_transformers',
  pooling_mode: 'mean',
  normalize_result: true,
} as const;

export const ASYMMETRIC_CONFIG = { ...SYMMETRIC_CONFIG, query_prefix: 'query: ', passage_prefix: 'passage: ' } as const;

/** The settings every single-node CI cluster gets (ml-commons-behavior.md §7). */
export async function allowDevRegistration(client: TestClient): Promise<void> {
  const response = await client.put('/_cluster/settings', {
    persistent: {
      'plugins.ml_commons.allow_registering_model_via_url': true,
      'plugins.ml_commons.only_run_on_ml_node': false,
    },
  });
  expect(response.status).toBe(200);
}

export interface RegisterArgs {
  readonly url: string;
  readonly zip?: Uint8Array;
  readonly hash?: string | null;
  readonly format?: 'ONNX' | 'TORCH_SCRIPT';
  readonly config?: Record<string, unknown>;
  readonly name?: string;
  readonly groupId?: string;
}

export function registerBody(args: RegisterArgs): Record<string, unknown> {
  const hash = args.hash === undefined ? (args.zip === undefined ? undefined : sha256Hex(args.zip)) : args.hash;
  return {
    name: args.name ?? 'omlc-test-model',
    version: '1.0.0',
    model_format: args.format ?? 'ONNX',
    function_name: 'TEXT_EMBEDDING',
    url: args.url,
    model_config: args.config ?? SYMMETRIC_CONFIG,
    ...(hash === undefined || hash === null ? {} : { model_content_hash_value: hash }),
    ...(args.groupId === undefined ? {} : { model_group_id: args.groupId }),
  };
}

const TERMINAL = ['COMPLETED', 'FAILED', 'COMPLETED_WITH_ERROR'];

/** Polls a task until it reaches a terminal state (deadline-based, like the harness). */
export async function waitForTask(client: TestClient, taskId: string, timeoutMs = 5_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await client.get(`/_plugins/_ml/tasks/${taskId}`);
    expect(response.status).toBe(200);
    if (TERMINAL.includes(str(response.body, 'state'))) {
      return response.body;
    }
    if (Date.now() > deadline) {
      throw new Error(`task ${taskId} still ${str(response.body, 'state')} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Registers and waits; returns the finished register task. */
export async function registerAndWait(client: TestClient, args: RegisterArgs): Promise<unknown> {
  const response = await client.post('/_plugins/_ml/models/_register', registerBody(args));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return waitForTask(client, str(response.body, 'task_id'));
}

/** Registers and deploys; returns the model id. */
export async function deployedModel(client: TestClient, args: RegisterArgs): Promise<string> {
  const registered = await registerAndWait(client, args);
  expect(at(registered, 'state')).toBe('COMPLETED');
  const modelId = str(registered, 'model_id');
  const deploy = await client.post(`/_plugins/_ml/models/${modelId}/_deploy`);
  expect(deploy.status).toBe(200);
  const task = await waitForTask(client, str(deploy.body, 'task_id'));
  expect(at(task, 'state')).toBe('COMPLETED');
  return modelId;
}
