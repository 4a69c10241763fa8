import type { SimContext } from '../context.ts';
import { fillTemplate } from '../http/errors.ts';
import type { JobHandle } from '../jobs.ts';
import type { DeployOutcomeFault } from '../faults/types.ts';
import type { ModelRecord, TaskRecord } from '../state/types.ts';
import { createTask, updateModel, updateTask } from './records.ts';
import { assembleUploadedModel } from './upload.ts';

/**
 * `TransportDeployModelAction` after its checks: a DEPLOY_MODEL task (CREATED) is answered at once, the model
 * doc turns DEPLOYING with its planning fields, the node action moves the task to RUNNING, and the node's result
 * decides COMPLETED / COMPLETED_WITH_ERROR (some nodes failed) / FAILED (all failed; `error` is a JSON object
 * string keyed by node id).
 */
export function startDeploy(ctx: SimContext, model: ModelRecord): TaskRecord {
  const outcome =
    ctx.faults.takeDeployOutcome() ??
    (ctx.faults.wrong.failDeploys === true ? { outcome: 'FAILED' as const } : undefined);
  const partial = outcome?.outcome === 'COMPLETED_WITH_ERROR';
  const workers = partial ? [ctx.node.id, ctx.node.phantomId] : [ctx.node.id];
  model.deployGeneration += 1;
  const generation = model.deployGeneration;
  const task = createTask(ctx, 'DEPLOY_MODEL', { model_id: model.id, worker_node: workers });
  updateModel(ctx, model, {
    model_state: 'DEPLOYING',
    planning_worker_node_count: workers.length,
    planning_worker_nodes: workers,
    deploy_to_all_nodes: true,
  });
  ctx.jobs.start((job) => runDeploy(ctx, job, task, model, generation, outcome));
  return task;
}

async function runDeploy(
  ctx: SimContext,
  job: JobHandle,
  task: TaskRecord,
  model: ModelRecord,
  generation: number,
  outcome: DeployOutcomeFault | undefined,
): Promise<void> {
  await ctx.clock.sleep(ctx.delays.taskStepMs);
  if (!job.alive) {
    return;
  }
  updateTask(ctx, task, { state: 'RUNNING' });
  if (ctx.faults.takeStuck('DEPLOY_MODEL')) {
    await job.park();
    return;
  }
  await ctx.clock.sleep(ctx.delays.deployMs);
  if (!job.alive) {
    return;
  }

  // An uploaded model is joined from its chunk documents and checked against its declared hash first.
  let loadError: string | undefined;
  if (model.chunks !== undefined) {
    const assembled = assembleUploadedModel(ctx, model, model.chunks);
    if (assembled.ok) {
      model.artifact = assembled.artifact;
      model.sha256 = assembled.sha256;
    } else {
      loadError = assembled.error;
    }
  }
  // A backend that can load the artifact gets to veto the deploy, like a model that fails to load on the node.
  if (
    loadError === undefined &&
    model.artifact !== undefined &&
    model.sha256 !== undefined &&
    ctx.inference.prepare !== undefined
  ) {
    try {
      await ctx.inference.prepare({
        artifact: model.artifact,
        sha256: model.sha256,
        format: model.doc.model_format,
        modelConfig: model.doc.model_config,
      });
    } catch (error) {
      loadError = error instanceof Error ? error.message : String(error);
    }
    if (!job.alive) {
      return;
    }
  }

  // An undeploy (or a newer deploy) while this one ran wins: finish the task, leave the model alone.
  const superseded = model.deployGeneration !== generation || !ctx.store.models.has(model.id);
  const now = ctx.clock.now();
  if (outcome?.outcome === 'FAILED' || loadError !== undefined) {
    const rootCause = loadError ?? outcome?.error ?? ctx.profile.taskErrors.deployFailedDefault;
    updateTask(ctx, task, { state: 'FAILED', error: JSON.stringify({ [ctx.node.id]: rootCause }) });
    if (!superseded) {
      model.loadedOn.clear();
      // Recorded (upload.json wrong-hash:get-deploy-failed): a failed deploy stamps last_deployed_time too.
      updateModel(ctx, model, { model_state: 'DEPLOY_FAILED', current_worker_node_count: 0, last_deployed_time: now });
    }
    return;
  }
  if (outcome?.outcome === 'COMPLETED_WITH_ERROR') {
    const rootCause = outcome.error ?? ctx.profile.taskErrors.deployFailedDefault;
    updateTask(ctx, task, {
      state: 'COMPLETED_WITH_ERROR',
      error: JSON.stringify({ [ctx.node.phantomId]: rootCause }),
    });
    if (!superseded) {
      model.loadedOn.add(ctx.node.id);
      updateModel(ctx, model, {
        model_state: 'PARTIALLY_DEPLOYED',
        current_worker_node_count: 1,
        last_deployed_time: now,
      });
    }
    return;
  }
  updateTask(ctx, task, { state: 'COMPLETED' });
  if (!superseded) {
    model.loadedOn.add(ctx.node.id);
    updateModel(ctx, model, {
      model_state: 'DEPLOYED',
      current_worker_node_count: 1,
      last_deployed_time: now,
    });
  }
}

/** Per-model result of an undeploy on the simulated node, as `MLUndeployModelNodesResponse` reports it. */
export type UndeployResult = 'undeployed' | 'not_found';

/**
 * Unloads the model from the node. HEAD writes UNDEPLOYED to the model doc before answering; older lines let the
 * sync-up catch up a moment later (`undeployUpdatesModelSynchronously`), which the simulator reproduces so that
 * harness code polling for UNDEPLOYED is exercised.
 */
export function undeploy(ctx: SimContext, model: ModelRecord | undefined): UndeployResult {
  const deploying = model?.doc.model_state === 'DEPLOYING';
  if (model === undefined || (model.loadedOn.size === 0 && !deploying)) {
    return 'not_found';
  }
  if (ctx.faults.wrong.ignoreUndeploy === true && model.undeployLost !== true) {
    model.undeployLost = true;
    return 'undeployed';
  }
  model.loadedOn.clear();
  model.deployGeneration += 1;
  const apply = (): void => {
    if (!ctx.store.models.has(model.id) || model.loadedOn.size > 0) {
      return;
    }
    // Recorded on 2.19.6 and 3.6.0: the counts drop to 0 and the node list goes away; no undeploy timestamp is
    // written, and deploy_to_all_nodes / last_deployed_time stay.
    updateModel(
      ctx,
      model,
      { model_state: 'UNDEPLOYED', current_worker_node_count: 0, planning_worker_node_count: 0 },
      { unset: ['planning_worker_nodes'] },
    );
  };
  if (ctx.profile.features.undeployUpdatesModelSynchronously) {
    apply();
  } else {
    ctx.jobs.start(async (job) => {
      await ctx.clock.sleep(ctx.delays.taskStepMs);
      if (job.alive) {
        apply();
      }
    });
  }
  return 'undeployed';
}

/** Used by the profile endpoint: the text ML Commons prints for a loaded predictor. */
export function predictorLabel(model: ModelRecord): string {
  return fillTemplate('org.opensearch.ml.engine.algorithms.text_embedding.TextEmbeddingDenseModel@{hash}', {
    hash: model.id.slice(0, 8).toLowerCase(),
  });
}
