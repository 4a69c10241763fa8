import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../ml/clock.ts';
import { MlConnectionError, MlHttpError } from '../ml/errors.ts';
import { jumpingClock } from '../ml/testing/jumping-clock.ts';
import { forgetTaskDurations } from '../ml/task-durations.ts';
import { TaskFailedError, TaskTimeoutError } from '../ml/wait-errors.ts';
import { DeployNotServingError } from './deploy-race.ts';
import { ModelLifecycle } from './model-lifecycle.ts';
import { ResourceLedger } from './resource-ledger.ts';
import { FakeMl } from './testing/fake-ml.ts';
import { LIFECYCLE_PHASES } from './phase-timer.ts';

const RUN = 'r20261123t040512-3fa9';

/** Instant clock: sleeping advances time, so waits finish without timers and timings are deterministic. */
function instantClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

let ml: FakeMl;
let ledger: ResourceLedger;

function lifecycle(signal?: AbortSignal): ModelLifecycle {
  return new ModelLifecycle({
    client: ml.client,
    ledger,
    runId: RUN,
    scope: 'MiniLM',
    timeouts: { registerMs: 5000, deployMs: 5000, undeployMs: 5000 },
    clock: instantClock(),
    ...(signal === undefined ? {} : { signal }),
  });
}

/** ML Commons' sync-up job writes DEPLOY_FAILED after the first undeploy; the second undeploy sets UNDEPLOYED. */
function raceSyncUpOnUndeploy(fake: FakeMl): void {
  const undeploy = fake.client.undeployModel.bind(fake.client);
  let raced = false;
  fake.client.undeployModel = async (id, options) => {
    const answer = await undeploy(id, options);
    const model = fake.models.get(id);
    if (model !== undefined) {
      model.state = raced ? 'UNDEPLOYED' : 'DEPLOY_FAILED';
      raced = true;
    }
    return answer;
  };
}

const register = { version: '1.0.0', model_format: 'ONNX', url: 'http://127.0.0.1:1/m.zip' } as const;

beforeEach(() => {
  ml = new FakeMl();
  ledger = new ResourceLedger();
  forgetTaskDurations();
});

describe('ModelLifecycle.run', () => {
  it('goes through the whole lifecycle and leaves nothing behind', async () => {
    const driver = lifecycle();
    const result = await driver.run({ register, predict: { text_docs: ['hello', 'world'] } });

    expect(result.prediction.inference_results).toHaveLength(2);
    expect(result.registerTask?.state).toBe('COMPLETED');
    expect(result.undeployedModel.model_state).toBe('UNDEPLOYED');
    expect(ml.calls.filter((c) => !c.startsWith('getModel'))).toEqual([
      `registerModelGroup omlc-${RUN}-minilm-group`,
      `registerModel omlc-${RUN}-minilm-model`,
      `deployModel ${result.modelId}`,
      `predict ${result.modelId}`,
      `undeployModel ${result.modelId}`,
      `deleteModel ${result.modelId}`,
      `deleteModelGroup ${result.groupId}`,
    ]);
    expect(ml.empty).toBe(true);
    expect(ledger.pending).toEqual([]);
  });

  it('times every phase, with server time for task phases', async () => {
    const driver = lifecycle();
    await driver.run({ register, predict: { text_docs: ['a'] } });
    const timings = driver.timings();

    expect(timings.map((t) => t.phase)).toEqual(LIFECYCLE_PHASES);
    expect(timings.every((t) => t.ok)).toBe(true);
    expect(timings.find((t) => t.phase === 'register-model')).toMatchObject({ serverMs: 600, wallMs: 10 });
    expect(timings.find((t) => t.phase === 'deploy')?.serverMs).toBe(600);
    expect(timings.find((t) => t.phase === 'predict')?.serverMs).toBeUndefined();
  });
});

describe('waiting for tasks', () => {
  it('looks first when tasks of the same artifact took to finish on the server so far', async () => {
    const clock = instantClock();
    let scopes = 0;
    const driver = (): ModelLifecycle =>
      new ModelLifecycle({ client: ml.client, ledger, runId: RUN, scope: `MiniLM-${(scopes += 1)}`, clock });
    const pollTimes: number[] = [];
    const getTask = ml.client.getTask.bind(ml.client);
    vi.spyOn(ml.client, 'getTask').mockImplementation((...args) => {
      pollTimes.push(clock.now());
      return getTask(...args);
    });
    const registerPolls = async (): Promise<number[]> => {
      const lifecycle = driver();
      await lifecycle.registerGroup();
      pollTimes.length = 0;
      const started = clock.now();
      await lifecycle.registerModel(register);
      return pollTimes.map((t) => t - started);
    };
    // The first register polls at once; the fake cluster reports 600 ms of server time for it, so the next register
    // of the same artifact sleeps that long before its first poll.
    expect((await registerPolls())[0]).toBe(0);
    expect((await registerPolls())[0]).toBe(600);
    // The server's time counts from the task's creation, right after the request was sent: an answer that took
    // 90 ms brings the first look 90 ms closer (600 ms after sending, not after the answer).
    const registerModel = ml.client.registerModel.bind(ml.client);
    vi.spyOn(ml.client, 'registerModel').mockImplementation(async (...args) => {
      const answer = await registerModel(...args);
      await clock.sleep(90);
      return answer;
    });
    expect((await registerPolls())[0]).toBe(600);
  });
});

describe('ModelLifecycle phases', () => {
  it('tracks a model whose register task FAILED but names it, and releases it', async () => {
    ml.behaviour.registerFailure = { error: 'model content changed', keepModel: true, modelIdInTask: true };
    const driver = lifecycle();
    const { groupId } = await driver.registerGroup();

    const error = await driver.registerModel(register).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model-group', 'model']);
    expect(driver.timings().at(-1)).toMatchObject({ phase: 'register-model', ok: false, serverMs: 600 });

    await ledger.releaseAll();
    expect(ml.empty).toBe(true);
    expect(ml.calls.at(-1)).toBe(`deleteModelGroup ${groupId}`);
  });

  it('finds a failed registration by name when the task does not carry a model_id', async () => {
    ml.behaviour.registerFailure = { error: 'No tokenizer file', keepModel: true, modelIdInTask: false };
    const driver = lifecycle();
    await driver.registerGroup();

    await expect(driver.registerModel(register)).rejects.toThrow(/No tokenizer file/);
    expect(ml.calls).toContain('searchModels');
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model-group', 'model']);
    await ledger.releaseAll();
    expect(ml.empty).toBe(true);
  });

  it('tracks nothing extra when the server already removed the failed model', async () => {
    ml.behaviour.registerFailure = { error: 'model content changed', keepModel: false, modelIdInTask: false };
    const driver = lifecycle();
    await expect(driver.registerModel(register)).rejects.toThrow(TaskFailedError);
    expect(ledger.pending).toEqual([]);
    expect(ml.empty).toBe(true);
  });

  it('tracks nothing and searches nothing when the cluster refuses the registration', async () => {
    const body = { error: { reason: "URL can't match trusted url regex" } };
    ml.client.registerModel = () =>
      Promise.reject(new MlHttpError({ status: 400, method: 'POST', path: '/_plugins/_ml/models/_register', body }));
    const driver = lifecycle();
    await expect(driver.registerModel(register)).rejects.toThrow(/trusted url regex/);
    expect(ledger.pending).toEqual([]);
    expect(ml.calls).not.toContain('searchModels');
  });

  it('looks for a model left by a registration whose answer was lost', async () => {
    const registerModel = ml.client.registerModel;
    ml.client.registerModel = async (request, options) => {
      await registerModel(request, options);
      throw new MlConnectionError({ method: 'POST', url: 'x', kind: 'timeout', detail: 'Request timed out', hint: '' });
    };
    const driver = lifecycle();
    await driver.registerGroup();
    await expect(driver.registerModel(register)).rejects.toThrow(MlConnectionError);
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model-group', 'model']);
    await ledger.releaseAll();
    expect(ml.empty).toBe(true);
  });

  it('releases deployment, model and group in that order after a failed deploy', async () => {
    ml.behaviour.deployFailure = 'Failed to load model';
    const driver = lifecycle();
    const { groupId } = await driver.registerGroup();
    const { modelId } = await driver.registerModel(register);

    const error = await driver.deploy(modelId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect((error as TaskFailedError).nodeErrors).toEqual({ n1: 'Failed to load model' });
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model-group', 'model', 'deployment']);

    ml.calls.length = 0;
    await ledger.releaseAll();
    // DEPLOY_FAILED holds no memory: no undeploy, straight to delete.
    expect(ml.calls.filter((c) => !c.startsWith('getModel'))).toEqual([
      `deleteModel ${modelId}`,
      `deleteModelGroup ${groupId}`,
    ]);
    expect(ml.empty).toBe(true);
  });

  it('undoes a deploy that timed out, even when the driver was aborted', async () => {
    ml.behaviour.deployStuck = true;
    const controller = new AbortController();
    const driver = lifecycle(controller.signal);
    await driver.registerGroup();
    const { modelId } = await driver.registerModel(register);

    await expect(driver.deploy(modelId)).rejects.toThrow(TaskTimeoutError);
    controller.abort();
    const report = await ledger.releaseAll();

    expect(report.failed).toEqual([]);
    expect(ml.calls).toContain(`undeployModel ${modelId}`);
    expect(ml.empty).toBe(true);
  });

  it("ends its waits by the caller's deadline, as a timeout with the states seen", async () => {
    ml.behaviour.deployStuck = true;
    const clock = instantClock();
    let deadline: number | undefined;
    const driver = new ModelLifecycle({
      client: ml.client,
      ledger,
      runId: RUN,
      scope: 'MiniLM',
      timeouts: { registerMs: 5000, deployMs: 5000, undeployMs: 5000 },
      clock,
      deadline: () => deadline,
    });
    await driver.registerGroup();
    const { modelId } = await driver.registerModel(register);
    deadline = clock.now() + 1200;
    const error = await driver.deploy(modelId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect((error as TaskTimeoutError).timeoutMs).toBe(1200);
    expect((error as TaskTimeoutError).history.map((o) => o.state)).toContain('RUNNING');
    expect(clock.now()).toBe(deadline);
    // Past the deadline a wait still polls once, so its error says what it saw.
    const late = await driver.deploy(modelId).catch((e: unknown) => e);
    expect((late as TaskTimeoutError).timeoutMs).toBe(0);
    expect((late as TaskTimeoutError).history).toHaveLength(1);
    // Without a deadline the wait's own timeout applies.
    deadline = undefined;
    const own = await driver.deploy(modelId).catch((e: unknown) => e);
    expect((own as TaskTimeoutError).timeoutMs).toBe(5000);
  });

  it('waits for UNDEPLOYED when the model state lags behind the undeploy call', async () => {
    ml.behaviour.undeployLag = 3;
    const driver = lifecycle();
    await driver.registerGroup();
    const { modelId } = await driver.registerModel(register);
    await driver.deploy(modelId);
    const before = ml.calls.length;

    const { model } = await driver.undeploy(modelId);
    expect(model.model_state).toBe('UNDEPLOYED');
    expect(ml.calls.slice(before).filter((c) => c === `getModel ${modelId}`)).toHaveLength(4);
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model-group', 'model']);
  });

  it('deletes the group ML Commons created when no model_group_id was given', async () => {
    const driver = lifecycle();
    const { modelId } = await driver.registerModel(register);
    expect(ml.groups.size).toBe(1);
    await driver.deploy(modelId);

    await ledger.releaseAll();
    expect(ml.empty).toBe(true);
  });

  it('untracks what the test deleted itself and tolerates resources deleted behind its back', async () => {
    const driver = lifecycle();
    const { groupId } = await driver.registerGroup();
    const { modelId } = await driver.registerModel(register);
    await driver.deleteModel(modelId);
    expect(ledger.pending.map((r) => r.id)).toEqual([groupId]);

    ml.groups.delete(groupId);
    const report = await ledger.releaseAll();
    expect(report.alreadyGone.map((r) => r.id)).toEqual([groupId]);
  });

  it('gives repeated resources distinct run-scoped names', () => {
    const driver = lifecycle();
    expect(driver.nameFor('group')).toBe(`omlc-${RUN}-minilm-group`);
    expect(driver.nameFor('group')).toBe(`omlc-${RUN}-minilm-group-2`);
  });

  it('tracks a registration by name before its request is sent', async () => {
    const registerModel = ml.client.registerModel;
    const seen: string[] = [];
    ml.client.registerModel = (request, options) => {
      seen.push(...ledger.pending.map((r) => `${r.kind} ${r.id}`));
      return registerModel(request, options);
    };
    await lifecycle().registerModel(register);
    expect(seen).toEqual([`model pending:omlc-${RUN}-minilm-model`]);
    expect(ledger.pending.map((r) => r.id)).toEqual([[...ml.models.keys()][0]]);
  });

  it('releases what a register interrupted after its answer made: the task is awaited, its model removed', async () => {
    const controller = new AbortController();
    const registerModel = ml.client.registerModel;
    ml.client.registerModel = async (request, options) => {
      const answer = await registerModel(request, options);
      controller.abort(new Error('run interrupted by SIGINT'));
      return answer;
    };
    const driver = lifecycle(controller.signal);
    await driver.registerGroup();
    await expect(driver.registerModel(register)).rejects.toThrow('run interrupted by SIGINT');
    expect(ledger.pending.map((r) => r.id)).toEqual([expect.any(String), `pending:omlc-${RUN}-minilm-model`]);

    const report = await ledger.releaseAll();
    expect(report.released).toHaveLength(2);
    expect(ml.empty).toBe(true);
  });

  it('finds by name what a register interrupted before its answer made', async () => {
    const controller = new AbortController();
    const registerModel = ml.client.registerModel;
    ml.client.registerModel = async (request, options) => {
      await registerModel(request, options);
      controller.abort(new Error('run interrupted by SIGTERM'));
      throw new Error('run interrupted by SIGTERM');
    };
    const driver = lifecycle(controller.signal);
    await expect(driver.registerModel(register)).rejects.toThrow('SIGTERM');
    expect(ml.models.size).toBe(1);

    await ledger.releaseAll();
    expect(ml.calls).toContain('searchModels');
    expect(ml.empty).toBe(true);
  });

  it('counts an interrupted register that created nothing as already gone', async () => {
    const controller = new AbortController();
    ml.client.registerModel = () => {
      controller.abort(new Error('run interrupted by SIGINT'));
      return Promise.reject(new Error('run interrupted by SIGINT'));
    };
    await expect(lifecycle(controller.signal).registerModel(register)).rejects.toThrow('SIGINT');
    const report = await ledger.releaseAll();
    expect(report.alreadyGone.map((r) => r.id)).toEqual([`pending:omlc-${RUN}-minilm-model`]);
  });

  it.for(['unrouted', 'deploy-failed'] as const)(
    'fails a COMPLETED deploy whose model does not serve (%s), naming the sync-up race, without redeploying',
    async (race) => {
      ml.behaviour.syncUpRace = race;
      const driver = lifecycle();
      await driver.registerGroup();
      const { modelId } = await driver.registerModel(register);
      const error = await driver.deploy(modelId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeployNotServingError);
      expect((error as Error).message).toMatch(
        race === 'unrouted'
          ? /deploy task \S+ COMPLETED, but the model was not routable within 5 s/
          : /deploy task \S+ COMPLETED, then the model went DEPLOY_FAILED/,
      );
      expect((error as Error).message).toContain("ML Commons' sync-up race");
      expect(ml.calls.filter((c) => c.startsWith('deployModel'))).toHaveLength(1);
      await ledger.releaseAll();
      expect(ml.empty).toBe(true);
    },
  );
});

describe('what the driver passes on', () => {
  /** When, after the request that created it was sent, each task was first polled. */
  function firstPolls(clock: Clock): () => number[] {
    const polled = new Map<string, number>();
    const sent = new Map<string, number>();
    for (const call of ['registerModel', 'deployModel'] as const) {
      const send = ml.client[call].bind(ml.client) as (...args: unknown[]) => Promise<{ task_id: string }>;
      vi.spyOn(ml.client, call).mockImplementation(async (...args: unknown[]) => {
        const started = clock.now();
        const answer = await send(...args);
        sent.set(answer.task_id, started);
        return answer as never;
      });
    }
    const getTask = ml.client.getTask.bind(ml.client);
    vi.spyOn(ml.client, 'getTask').mockImplementation((taskId, options) => {
      if (!polled.has(taskId)) {
        polled.set(taskId, clock.now() - (sent.get(taskId) ?? 0));
      }
      return getTask(taskId, options);
    });
    return () => [...polled.values()];
  }

  it("learns task times per artifact: its hash, else its URL, and a model's deploys by what it was registered from", async () => {
    const clock = instantClock();
    const polls = firstPolls(clock);
    const driver = new ModelLifecycle({ client: ml.client, ledger, runId: RUN, scope: 'kinds', clock });
    const hash = 'b'.repeat(64);
    const a1 = await driver.registerModel({ ...register, url: 'http://h/a.zip' });
    const a2 = await driver.registerModel({ ...register, url: 'http://h/a.zip' });
    await driver.registerModel({ ...register, url: 'http://h/b.zip' });
    await driver.registerModel({ ...register, url: 'http://h/c.zip', model_content_hash_value: hash });
    await driver.registerModel({ ...register, url: 'http://h/d.zip', model_content_hash_value: hash });
    const b = await driver.registerModel({ ...register, url: 'http://h/e.zip' });
    await driver.deploy(a1.modelId);
    await driver.deploy(a2.modelId);
    await driver.deploy(b.modelId);
    expect(polls()).toEqual([0, 600, 0, 0, 600, 0, 0, 600, 0]);
  });

  it('fails a register task that completes without naming its model, and tracks what the name finds', async () => {
    const registerModel = ml.client.registerModel.bind(ml.client);
    ml.client.registerModel = async (request, options) => {
      const answer = await registerModel(request, options);
      ml.tasks.set(answer.task_id, [{ task_type: 'REGISTER_MODEL', state: 'COMPLETED' }]);
      return answer;
    };
    const error = await lifecycle()
      .registerModel(register)
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^register task t\d+ completed without a model_id$/);
    expect(ledger.pending.map((r) => `${r.kind} ${r.id}`)).toEqual([`model ${[...ml.models.keys()][0] ?? ''}`]);
    await ledger.releaseAll();
    expect(ml.empty).toBe(true);
  });

  it('registers into the group it registered last, and into none once that group is deleted', async () => {
    const driver = lifecycle();
    const first = await driver.registerGroup();
    const second = await driver.registerGroup('second', 'the current one');
    await driver.deleteGroup(first.groupId);
    const inSecond = await driver.registerModel(register);
    expect(ml.models.get(inSecond.modelId)?.groupId).toBe(second.groupId);
    await driver.deleteModel(inSecond.modelId);
    await driver.deleteGroup(second.groupId);
    const alone = await driver.registerModel(register);
    expect(ml.models.get(alone.modelId)?.groupId).toMatch(/^auto-g/);
  });

  it('asks a signal function at each call, and hands the predict route and the polling schedule on', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    let current = new AbortController().signal;
    const clock = instantClock();
    const driver = new ModelLifecycle({
      client: ml.client,
      ledger,
      runId: RUN,
      scope: 'MiniLM',
      clock,
      signal: () => current,
      polling: { initialIntervalMs: 7, maxIntervalMs: 7 },
    });
    const registerGroup = ml.client.registerModelGroup.bind(ml.client);
    vi.spyOn(ml.client, 'registerModelGroup').mockImplementation((request, options) => {
      signals.push(options?.signal);
      return registerGroup(request, options);
    });
    const first = current;
    await driver.registerGroup();
    current = new AbortController().signal;
    await driver.registerGroup();
    expect(signals).toEqual([first, current]);

    const predict = vi.spyOn(ml.client, 'predict');
    const { modelId } = await driver.registerModel(register);
    await driver.predict(modelId, { text_docs: ['a'] }, { route: 'model' });
    expect(predict).toHaveBeenCalledWith(modelId, { text_docs: ['a'] }, { signal: current, route: 'model' });
    // The fake's register task answers CREATED, then COMPLETED: one pause of the schedule's interval between.
    expect(driver.timings().find((t) => t.phase === 'register-model')?.wallMs).toBe(7);
  });

  it('sends a group description only when given, and a model_group_id only when there is a group', async () => {
    const groups = vi.spyOn(ml.client, 'registerModelGroup');
    const models = vi.spyOn(ml.client, 'registerModel');
    const driver = lifecycle();
    await driver.registerModel(register);
    await driver.registerGroup('plain');
    await driver.registerGroup('described', 'for the check');
    await driver.registerModel(register);
    expect(groups.mock.calls.map(([body]) => body)).toStrictEqual([
      { name: 'plain' },
      { name: 'described', description: 'for the check' },
    ]);
    expect(models.mock.calls.map(([body]) => Object.keys(body).includes('model_group_id'))).toEqual([false, true]);
  });

  it('run() predicts on the route it is given, text_embedding by default', async () => {
    const predict = vi.spyOn(ml.client, 'predict');
    await lifecycle().run({ register, predict: { text_docs: ['a'] } });
    await lifecycle().run({ register, predict: { text_docs: ['b'] }, predictRoute: 'model', groupName: 'second' });
    expect(predict.mock.calls.map(([, , options]) => options?.route)).toEqual(['text_embedding', 'model']);
  });

  it('announces a second undeploy after the sync-up race on its progress line', async () => {
    const lines: string[] = [];
    const driver = new ModelLifecycle({
      client: ml.client,
      ledger,
      runId: RUN,
      scope: 'MiniLM',
      timeouts: { registerMs: 5000, deployMs: 5000, undeployMs: 5000 },
      clock: instantClock(),
      progress: (line) => lines.push(line),
    });
    const { modelId } = await driver.registerModel(register);
    await driver.deploy(modelId);
    raceSyncUpOnUndeploy(ml);
    const { model } = await driver.undeploy(modelId);
    expect(model.model_state).toBe('UNDEPLOYED');
    expect(lines).toEqual([
      expect.stringContaining(`model ${modelId}: undeployed, then ML Commons' sync-up job wrote DEPLOY_FAILED`),
    ]);
  });

  it('learns nothing from a task without timestamps, and keeps what it learned before', async () => {
    const clock = instantClock();
    const polls = firstPolls(clock);
    const driver = new ModelLifecycle({ client: ml.client, ledger, runId: RUN, scope: 'stamps', clock });
    await driver.registerModel(register);
    const registerModel = ml.client.registerModel.bind(ml.client);
    ml.client.registerModel = async (request, options) => {
      const answer = await registerModel(request, options);
      ml.tasks.set(answer.task_id, [
        {
          task_type: 'REGISTER_MODEL',
          state: 'COMPLETED',
          model_id: [...ml.models.keys()].at(-1) ?? '',
          create_time: undefined,
        },
      ]);
      ml.client.registerModel = registerModel;
      return answer;
    };
    await driver.registerModel(register);
    await driver.registerModel(register);
    expect(polls()).toEqual([0, 600, 600]);
  });

  it('gives the serving wait what is left of the deploy budget on a clock that does not start at 0', async () => {
    ml.behaviour.syncUpRace = 'unrouted';
    const clock = jumpingClock(1_000_000);
    const driver = new ModelLifecycle({
      client: ml.client,
      ledger,
      runId: RUN,
      scope: 'MiniLM',
      timeouts: { registerMs: 5000, deployMs: 5000, undeployMs: 5000 },
      clock,
    });
    const { modelId } = await driver.registerModel(register);
    const started = clock.now();
    await expect(driver.deploy(modelId)).rejects.toThrow(/not routable within 5 s/);
    expect(clock.now() - started).toBeLessThanOrEqual(5000);
  });

  it('hands its signal to the register, the upload and the second undeploy, and none when it has none', async () => {
    const controller = new AbortController();
    const driver = lifecycle(controller.signal);
    const sent: [string, unknown][] = [];
    for (const call of ['registerModel', 'registerModelMeta', 'uploadModelChunk', 'undeployModel'] as const) {
      const send = ml.client[call].bind(ml.client) as (...args: unknown[]) => Promise<unknown>;
      vi.spyOn(ml.client, call).mockImplementation((...args: unknown[]) => {
        sent.push([call, args.at(-1)]);
        return send(...args) as never;
      });
    }
    const { modelId } = await driver.registerModel(register);
    const dir = mkdtempSync(path.join(tmpdir(), 'omlc-signal-'));
    try {
      const file = path.join(dir, 'm.zip');
      writeFileSync(file, Buffer.alloc(5));
      await driver.upload.registerModel({ ...register, artifact: { path: file, sha256: 'c'.repeat(64), size: 5 } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await driver.deploy(modelId);
    raceSyncUpOnUndeploy(ml);
    await driver.undeploy(modelId);
    expect(sent.map(([call, options]) => [call, options])).toEqual([
      ['registerModel', { signal: controller.signal }],
      ['registerModelMeta', { signal: controller.signal }],
      ['uploadModelChunk', { signal: controller.signal }],
      ['undeployModel', { signal: controller.signal }],
      ['undeployModel', { signal: controller.signal }],
    ]);

    const predict = vi.spyOn(ml.client, 'predict');
    await lifecycle().predict(modelId, { text_docs: ['a'] });
    expect(predict.mock.calls[0]?.[2]).toStrictEqual({});
  });

  it("waits for UNDEPLOYED on the driver's clock", async () => {
    ml.behaviour.undeployLag = 3;
    const clock = instantClock();
    const driver = new ModelLifecycle({ client: ml.client, ledger, runId: RUN, scope: 'MiniLM', clock });
    const { modelId } = await driver.registerModel(register);
    await driver.deploy(modelId);
    const before = clock.now();
    await driver.undeploy(modelId);
    expect(clock.now()).toBeGreaterThan(before);
  });

  it('forgets the deployment of a model it deleted after a failed deploy', async () => {
    ml.behaviour.deployFailure = 'Failed to load model';
    const driver = lifecycle();
    const { modelId } = await driver.registerModel(register);
    await expect(driver.deploy(modelId)).rejects.toThrow(TaskFailedError);
    await driver.deleteModel(modelId);
    expect(ledger.pending.filter((r) => r.id === modelId)).toEqual([]);
  });

  it('releases an interrupted register through its task, which the pending entry asks for when released', async () => {
    const controller = new AbortController();
    const registerModel = ml.client.registerModel;
    ml.client.registerModel = async (request, options) => {
      const answer = await registerModel(request, options);
      controller.abort(new Error('run interrupted by SIGINT'));
      return answer;
    };
    await expect(lifecycle(controller.signal).registerModel(register)).rejects.toThrow('SIGINT');
    const getTask = vi.spyOn(ml.client, 'getTask');
    await ledger.releaseAll();
    expect(getTask).toHaveBeenCalled();
    expect(ml.empty).toBe(true);
  });

  it('looks for a leftover when the task wait fails with an HTTP error after the register was accepted', async () => {
    ml.client.getTask = (taskId) =>
      Promise.reject(new MlHttpError({ status: 403, method: 'GET', path: `/t/${taskId}`, body: { error: 'no' } }));
    await expect(lifecycle().registerModel(register)).rejects.toThrow(MlHttpError);
    expect(ml.calls).toContain('searchModels');
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model']);
  });
});
