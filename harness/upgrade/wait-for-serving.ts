/**
 * Waits until a model really serves: its document says DEPLOYED *and* the ML profile shows it loaded on its worker
 * nodes. After a full-cluster restart the document keeps saying DEPLOYED for seconds while no node holds the model
 * and predict answers 400 "Model not ready yet" (observed 2.19.6 → 3.6.0), so the document alone is not readiness.
 */
import { systemClock, type Clock } from '../ml/clock.ts';
import type { ModelProfileResponse } from '../ml/cluster-schemas.ts';
import type { MlClient } from '../ml/client.ts';
import { pollUntil, type Observation } from '../ml/poll-loop.ts';
import type { Model, ModelState } from '../ml/schemas.ts';
import { ModelStateFailedError, ModelStateTimeoutError } from '../ml/wait-errors.ts';

export type ServingClient = Pick<MlClient, 'getModel' | 'getModelProfile'>;

export interface ServingSnapshot {
  readonly model: Model;
  /** Nodes whose profile lists the model as loaded (`worker_nodes`). */
  readonly workerNodes: readonly string[];
  /** Nodes the model should be loaded on (`target_worker_nodes`); empty when the profile does not say. */
  readonly targetNodes: readonly string[];
  /** Per-node `model_state` in the profile. */
  readonly nodeStates: readonly string[];
}

export function servingSnapshot(model: Model, profile: ModelProfileResponse, modelId: string): ServingSnapshot {
  const workers = new Set<string>();
  const targets = new Set<string>();
  const nodeStates: string[] = [];
  for (const node of Object.values(profile.nodes ?? {})) {
    const entry = node.models?.[modelId];
    if (entry === undefined) {
      continue;
    }
    entry.worker_nodes?.forEach((id) => workers.add(id));
    entry.target_worker_nodes?.forEach((id) => targets.add(id));
    if (entry.model_state !== undefined) {
      nodeStates.push(entry.model_state);
    }
  }
  return { model, workerNodes: [...workers].sort(), targetNodes: [...targets].sort(), nodeStates };
}

/** DEPLOYED in the document, loaded on at least one node, on every target node, and no node says otherwise. */
export function isServing(snapshot: ServingSnapshot): boolean {
  return (
    snapshot.model.model_state === 'DEPLOYED' &&
    snapshot.workerNodes.length > 0 &&
    snapshot.targetNodes.every((id) => snapshot.workerNodes.includes(id)) &&
    snapshot.nodeStates.every((state) => state === 'DEPLOYED')
  );
}

/** `DEPLOYED, serving on 1/1` or `DEPLOYED, not loaded` — the states the wait reports in its history. */
export function describeServing(snapshot: ServingSnapshot): string {
  const state = snapshot.model.model_state ?? '(no state)';
  if (snapshot.workerNodes.length === 0) {
    return `${state}, not loaded`;
  }
  const of = snapshot.targetNodes.length === 0 ? '' : `/${snapshot.targetNodes.length}`;
  return `${state}, loaded on ${snapshot.workerNodes.length}${of}`;
}

export interface WaitForServingOptions {
  readonly timeoutMs: number;
  readonly failOn?: readonly ModelState[];
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  readonly initialIntervalMs?: number;
  readonly maxIntervalMs?: number;
  readonly onChange?: (snapshot: ServingSnapshot, observation: Observation) => void;
}

export async function waitForServing(
  client: ServingClient,
  modelId: string,
  options: WaitForServingOptions,
): Promise<ServingSnapshot & { readonly history: readonly Observation[] }> {
  const failOn: readonly string[] = options.failOn ?? [];
  const outcome = await pollUntil<ServingSnapshot>(
    {
      fetch: async (timeoutMs, signal) => {
        const request = signal === undefined ? { timeoutMs } : { timeoutMs, signal };
        const [model, profile] = await Promise.all([
          client.getModel(modelId, request),
          client.getModelProfile(modelId, request),
        ]);
        return servingSnapshot(model, profile, modelId);
      },
      stateOf: describeServing,
      classify: (snapshot) =>
        isServing(snapshot) ? 'done' : failOn.includes(snapshot.model.model_state ?? '') ? 'failed' : 'pending',
      ...(options.onChange === undefined ? {} : { onChange: options.onChange }),
    },
    { ...options, clock: options.clock ?? systemClock },
  );
  switch (outcome.kind) {
    case 'done':
      return { ...outcome.value, history: outcome.history };
    case 'failed':
      throw new ModelStateFailedError(modelId, outcome.value.model, outcome.history);
    case 'timeout':
      throw new ModelStateTimeoutError(
        modelId,
        ['DEPLOYED and loaded (profile worker_nodes)'],
        options.timeoutMs,
        outcome.history,
        outcome.last?.model,
      );
  }
}
