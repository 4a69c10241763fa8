import { ArtifactHttpError } from '../artifact/fetch-artifact.ts';
import { sha256Hex } from '../artifact/sha256.ts';
import { verifyModelZip } from '../artifact/zip-lint.ts';
import { ML_SETTINGS, type SimContext } from '../context.ts';
import { fillTemplate, HttpError } from '../http/errors.ts';
import type { JobHandle } from '../jobs.ts';
import type { TaskRecord } from '../state/types.ts';
import { startDeploy } from './deploy.ts';
import {
  createGroup,
  createModel,
  createTask,
  deleteGroup,
  deleteModel,
  updateGroup,
  updateModel,
  updateTask,
} from './records.ts';
import type { RegisterInput } from './register-input.ts';

/** ML Commons splits registered artifacts into 10 MB chunk documents (`ModelHelper.CHUNK_SIZE`). */
const CHUNK_SIZE = 10_000_000;

/**
 * The synchronous half of `TransportRegisterModelAction`, in its order: URL registration gate, model-group
 * resolution (auto-create or reuse by name when none is given — before the later gates, so a refused register can
 * leave that group behind exactly as on a real cluster), trusted-URL regex (`find()` semantics), then the task
 * dispatcher's eligible-node check. Returns the CREATED task; the rest runs in the background.
 */
export function beginRegister(ctx: SimContext, input: RegisterInput, deployAfter: boolean): TaskRecord {
  if (!ctx.settings.getBoolean(ML_SETTINGS.allowUrl)) {
    throw new HttpError('urlRegistrationDisabled');
  }
  let groupId = input.modelGroupId;
  let autoCreatedGroup = false;
  if (groupId === undefined) {
    const existing = ctx.store.findGroupByName(input.name);
    autoCreatedGroup = existing === undefined;
    groupId = (existing ?? createGroup(ctx, input.name, input.description)).id;
  }
  if (!urlIsTrusted(ctx.settings.getString(ML_SETTINGS.trustedUrlRegex), input.url)) {
    throw new HttpError('untrustedUrl');
  }
  if (ctx.settings.getBoolean(ML_SETTINGS.onlyRunOnMlNode)) {
    // The simulated node has no `ml` role, like the single-node clusters the suites run against.
    throw new HttpError('noEligibleNodeRegister');
  }
  const task = createTask(ctx, 'REGISTER_MODEL');
  const resolvedGroupId = groupId;
  ctx.jobs.start((job) => runRegister(ctx, job, task, input, resolvedGroupId, autoCreatedGroup, deployAfter));
  return task;
}

/** Java `Pattern.compile(regex).matcher(url).find()`: unanchored unless the pattern anchors itself. */
function urlIsTrusted(regex: string, url: string): boolean {
  try {
    return new RegExp(regex).test(url);
  } catch {
    return false;
  }
}

async function runRegister(
  ctx: SimContext,
  job: JobHandle,
  task: TaskRecord,
  input: RegisterInput,
  groupId: string,
  autoCreatedGroup: boolean,
  deployAfter: boolean,
): Promise<void> {
  const { profile, faults } = ctx;
  await ctx.clock.sleep(ctx.delays.taskStepMs);
  if (!job.alive) {
    return;
  }
  const group = ctx.store.groups.get(groupId);
  if (group === undefined) {
    updateTask(ctx, task, { state: 'FAILED', error: profile.taskErrors.groupNotFound });
    return;
  }
  // The model document exists while the artifact downloads (REGISTERING) and takes the group's next version.
  updateGroup(ctx, group, { latest_version: group.doc.latest_version + 1 });
  const model = createModel(ctx, {
    name: input.name,
    model_group_id: group.id,
    algorithm: 'TEXT_EMBEDDING',
    model_version: String(group.doc.latest_version),
    ...(input.description === undefined ? {} : { description: input.description }),
    model_format: input.format,
    model_state: 'REGISTERING',
    model_config: input.modelConfig,
    is_hidden: false,
  });
  // The task learns its model_id only with COMPLETED (`updateModelRegisterStateAsDone`); a FAILED register task
  // never names the model (recorded on 2.19.6 and 3.6.0, the wrong-hash / missing-hash / negative-* steps).
  if (profile.features.registerTaskShowsRunning) {
    updateTask(ctx, task, { state: 'RUNNING' });
  }
  if (faults.takeStuck('REGISTER_MODEL')) {
    await job.park();
    return;
  }
  const started = ctx.clock.now();

  const fail = (error: string): void => {
    if (!job.alive) {
      return;
    }
    // MLModelManager's failure branch: task FAILED, model doc (and chunks) deleted, group version rolled back.
    const text = faults.wrong.rewordTaskErrors === true ? 'misbehaving simulator: register failed' : error;
    updateTask(ctx, task, { state: 'FAILED', error: text });
    if (faults.wrong.keepModelAfterFailedRegister === true) {
      return;
    }
    deleteModel(ctx, model);
    const current = ctx.store.groups.get(group.id);
    if (current !== undefined) {
      if (autoCreatedGroup && ctx.store.modelsInGroup(current.id).length === 0) {
        deleteGroup(ctx, current);
      } else {
        updateGroup(ctx, current, { latest_version: Math.max(0, current.doc.latest_version - 1) });
      }
    }
  };

  let artifact: Uint8Array;
  try {
    artifact = await ctx.fetchArtifact(input.url);
  } catch (error) {
    fail(downloadErrorText(ctx, input.url, error));
    return;
  }
  if (!job.alive) {
    return;
  }
  const wrong = faults.wrong;
  const lintError = wrong.skipZipLint === true ? undefined : verifyModelZip(artifact, input.format, profile);
  if (lintError !== undefined) {
    fail(lintError);
    return;
  }
  const computed = sha256Hex(artifact);
  if (wrong.skipHashCheck !== true) {
    if (input.hash === undefined) {
      fail(profile.features.requiresHashForUrl ? profile.taskErrors.hashMissing : profile.taskErrors.hashMismatch);
      return;
    }
    if (input.hash !== computed) {
      fail(profile.taskErrors.hashMismatch);
      return;
    }
  }

  await ctx.clock.sleep(Math.max(0, ctx.delays.registerMs - (ctx.clock.now() - started)));
  if (!job.alive || !ctx.store.models.has(model.id)) {
    return;
  }
  const chunks = Math.max(1, Math.ceil(artifact.byteLength / CHUNK_SIZE));
  model.artifact = artifact;
  model.sha256 = computed;
  updateModel(
    ctx,
    model,
    {
      model_state: 'REGISTERED',
      model_content_size_in_bytes: artifact.byteLength,
      model_content_hash_value: input.hash ?? computed,
      total_chunks: chunks,
      last_registered_time: ctx.clock.now(),
    },
    { extraWrites: chunks },
  );
  updateTask(ctx, task, { state: 'COMPLETED', model_id: model.id });
  if (deployAfter) {
    startDeploy(ctx, model);
  }
}

function downloadErrorText(ctx: SimContext, url: string, error: unknown): string {
  const texts = ctx.profile.taskErrors;
  if (error instanceof ArtifactHttpError) {
    return fillTemplate(texts.downloadHttpError, { url, status: error.status });
  }
  return fillTemplate(texts.downloadNetworkError, { message: rootCauseMessage(error) });
}

/**
 * Java's texts for the network failures Node reports by code [I]: the task error shows the root cause's message,
 * and a JVM says "Connection refused", not "connect ECONNREFUSED 127.0.0.1:9".
 */
const JAVA_NETWORK_MESSAGES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset',
  ETIMEDOUT: 'Connect timed out',
  EHOSTUNREACH: 'No route to host',
};

/** Like `MLExceptionUtils.getRootCauseMessage`: the innermost cause's message (fetch wraps ECONNREFUSED & co). */
function rootCauseMessage(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause !== undefined) {
    current = current.cause;
  }
  const code = (current as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && JAVA_NETWORK_MESSAGES[code] !== undefined) {
    return JAVA_NETWORK_MESSAGES[code];
  }
  return current instanceof Error ? current.message : String(current);
}
