/**
 * One model's full lifecycle (group → register → deploy → predict → undeploy → delete model and group) on a live
 * node, three ways side by side: the harness's ModelLifecycle, a plain REST loop that polls every 5 ms (the physical
 * limit: it sees a finished task within 5 ms), and the loop of the seed tutorials, which sleeps 10 s between looks.
 * Also what polling costs the node: its CPU time while one task is polled every 5 ms and every 50 ms.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ModelLifecycle } from '../../harness/lifecycle/model-lifecycle.ts';
import type { LifecyclePhase } from '../../harness/lifecycle/phase-timer.ts';
import { ResourceLedger } from '../../harness/lifecycle/resource-ledger.ts';
import { createMlClient } from '../../harness/ml/client.ts';
import type { ModelCard } from '../../harness/models/model-card.ts';
import { registerRequestFor } from '../../harness/suite/register-request.ts';

/** The lifecycle's phases, as the harness's phase timer names them (`PhaseTiming.phase`). */
export type Phase = LifecyclePhase;

export interface LifecycleSample {
  readonly ms: number;
  /** Wall time per phase, so the README can say where a difference between two ways comes from. */
  readonly phases: Readonly<Partial<Record<Phase, number>>>;
  /** Polls of tasks and model states. */
  readonly polls: number;
  readonly waits: number;
  /** A finished register task of this run (the polling-cost measurement polls it). */
  readonly taskPath?: string;
}

export interface Target {
  readonly baseUrl: string;
  /** URL the node downloads the card's zip from. */
  readonly artifactUrl: string;
  readonly card: ModelCard;
  readonly runId: string;
}

let sequence = 0;

/** The harness's own path, exactly as the suites drive it. */
export async function harnessLifecycle(target: Target): Promise<LifecycleSample> {
  let polls = 0;
  const client = createMlClient(
    { baseUrl: target.baseUrl },
    {
      onAnswer: (request) => {
        if (request.method === 'GET') {
          polls += 1;
        }
      },
    },
  );
  const ledger = new ResourceLedger();
  sequence += 1;
  const lifecycle = new ModelLifecycle({ client, ledger, runId: target.runId, scope: `bench-${sequence}` });
  try {
    const started = performance.now();
    const result = await lifecycle.run({
      register: registerRequestFor(target.card, { url: target.artifactUrl }),
      predict: { text_docs: [target.card.probes[0]?.text ?? 'hello'] },
    });
    const ms = performance.now() - started;
    const phases: Partial<Record<Phase, number>> = {};
    for (const timing of result.timings) {
      phases[timing.phase] = (phases[timing.phase] ?? 0) + timing.wallMs;
    }
    return { ms, phases, polls, waits: 4 };
  } finally {
    await ledger.releaseAll();
    await client.close();
  }
}

/** A minimal REST client: JSON in, JSON out, throws on ≥ 400. */
function rest(baseUrl: string) {
  return async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status >= 400) {
      throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(json).slice(0, 300)}`);
    }
    return json;
  };
}

/** The plain loop: the same requests, polling every `pollMs` until the state is reached. */
export async function plainLifecycle(target: Target, pollMs: number): Promise<LifecycleSample> {
  const call = rest(target.baseUrl);
  let polls = 0;
  const until = async (path: string, field: string, wanted: string): Promise<Record<string, unknown>> => {
    for (;;) {
      polls += 1;
      const doc = await call('GET', path);
      if (doc[field] === wanted) {
        return doc;
      }
      if (doc[field] === 'FAILED' || doc[field] === 'DEPLOY_FAILED') {
        throw new Error(`${path}: ${JSON.stringify(doc).slice(0, 300)}`);
      }
      await sleep(pollMs);
    }
  };
  sequence += 1;
  const name = `omlc-${target.runId}-plain-${sequence}`;
  const phases: Partial<Record<Phase, number>> = {};
  let mark = performance.now();
  const started = mark;
  const lap = (phase: Phase): void => {
    const now = performance.now();
    phases[phase] = now - mark;
    mark = now;
  };
  const group = await call('POST', '/_plugins/_ml/model_groups/_register', { name: `${name}-group` });
  const groupId = String(group.model_group_id);
  lap('register-group');
  const register = registerRequestFor(target.card, { url: target.artifactUrl, groupId, name: `${name}-model` });
  const registered = await call('POST', '/_plugins/_ml/models/_register', register);
  const taskPath = `/_plugins/_ml/tasks/${String(registered.task_id)}`;
  const task = await until(taskPath, 'state', 'COMPLETED');
  const modelId = String(task.model_id);
  lap('register-model');
  const deploy = await call('POST', `/_plugins/_ml/models/${modelId}/_deploy`);
  await until(`/_plugins/_ml/tasks/${String(deploy.task_id)}`, 'state', 'COMPLETED');
  lap('deploy');
  await call('POST', `/_plugins/_ml/_predict/text_embedding/${modelId}`, {
    text_docs: [target.card.probes[0]?.text ?? 'hello'],
  });
  lap('predict');
  await call('POST', `/_plugins/_ml/models/${modelId}/_undeploy`);
  await until(`/_plugins/_ml/models/${modelId}`, 'model_state', 'UNDEPLOYED');
  lap('undeploy');
  await call('DELETE', `/_plugins/_ml/models/${modelId}`);
  lap('delete-model');
  await call('DELETE', `/_plugins/_ml/model_groups/${groupId}`);
  lap('delete-group');
  return { ms: performance.now() - started, phases, polls, waits: 3, taskPath };
}

/** CPU time (ms) the node's process has used so far, from /proc (utime + stime, in clock ticks of 10 ms). */
function nodeCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The node's CPU per second of polling one task every `pollMs` (minus its idle CPU over the same time). */
export async function pollingCost(
  baseUrl: string,
  pid: number,
  taskPath: string,
  pollMs: number,
  seconds = 3,
): Promise<{ requestsPerSecond: number; cpuMsPerSecond: number }> {
  const call = rest(baseUrl);
  const idleStart = nodeCpuMs(pid);
  await sleep(seconds * 1000);
  const idle = nodeCpuMs(pid) - idleStart;
  const start = nodeCpuMs(pid);
  const until = performance.now() + seconds * 1000;
  let requests = 0;
  while (performance.now() < until) {
    await call('GET', taskPath);
    requests += 1;
    await sleep(pollMs);
  }
  const busy = nodeCpuMs(pid) - start;
  return { requestsPerSecond: requests / seconds, cpuMsPerSecond: Math.max(0, busy - idle) / seconds };
}
