/**
 * What a suite's `describe` block gets: the target, an ML client, a resource ledger and the lifecycle driver,
 * plus `check()`, which registers one conformance case. `check()` attaches the case's report metadata, asks the
 * one skip-reason function whether the case can run here, and skips (with the reason) a case whose prerequisite
 * step did not pass, so a failed register shows as one failure and a row of explained skips. Ordering rules live in
 * check-registry.ts.
 *
 * Clean-up is wired where the resources are created: the ledger is released in `afterAll` (also on failure, and when
 * the run is interrupted: Vitest still runs `afterAll` after cancelling), then the scope's leak audit runs. An
 * aborted run (run-flags.ts) skips what is left with the abort's one reason; when the cluster itself is gone (the
 * native node exited) there is nothing to release.
 */
import { afterAll, beforeAll, inject, it, type TestContext } from 'vitest';
import { CHECKS, type CheckId, type CheckKey } from '../checks/catalog/index.ts';
import { skipReason } from '../checks/skip-reason.ts';
import { OmlcError } from '../errors/omlc-error.ts';
import { withoutStack } from '../errors/without-stack.ts';
import { startFaultProxy, type FaultProxy } from '../faults/fault-proxy.ts';
import { ModelLifecycle } from '../lifecycle/model-lifecycle.ts';
import { ResourceLedger, type ReleaseReport } from '../lifecycle/resource-ledger.ts';
import { assertScopeClean } from '../lifecycle/scope-audit.ts';
import { appendReleased, readAbortFlag } from '../run/run-flags.ts';
import { cleanupHurry, enterSuiteScope, workerInterrupted } from '../run/worker-interrupt.ts';
import type { MlClient } from '../ml/client.ts';
import { createMlClient } from '../ml/client.ts';
import type { ModelCard } from '../models/model-card.ts';
import type { CheckRequirement } from '../checks/catalog/check-requirement.ts';
import type { ConformanceCaseMeta, RequestSummary } from '../report/case-meta.ts';
import type { AvailableTarget, ProvidedTarget, RegistrationPath } from '../targets/target-info.ts';
import { CheckRegistry, checkKey, type RegisteredCheck } from './check-registry.ts';
import { setProxyFaults } from './fault-injection.ts';
import { checkDeadline } from './check-deadline.ts';
import '../config/provided-context.ts';

export interface CheckOptions {
  /**
   * Checks (`checkId`, or `checkId[variant]`) that must have passed first. A setup step is needed by exactly the
   * checks that name it here: when all of them are skipped on the target, so is the step.
   */
  readonly after?: readonly CheckKey[];
  /** Second case dimension, e.g. a probe id; part of the case id and the title. */
  readonly variant?: string;
}

export interface SuiteContext {
  readonly suite: string;
  readonly card: ModelCard | undefined;
  readonly target: ProvidedTarget;
  readonly runId: string;
  /** Available inside checks and hooks (created in `beforeAll`). */
  readonly client: MlClient;
  readonly ledger: ResourceLedger;
  readonly lifecycle: ModelLifecycle;
  /** The target, known to be available (checks only run when it is). */
  readonly live: AvailableTarget;
  check(checkId: CheckId, body: (ctx: TestContext) => Promise<void>, options?: CheckOptions): void;
}

/** What `openSuite` needs from Vitest; tests of this module pass their own. */
export interface SuiteHost {
  readonly target: ProvidedTarget;
  readonly runId: string;
  /** The Vitest project, e.g. `live:3.6.0` (an abort names the project whose cluster is gone). */
  readonly project: string;
  /** `meta` is the case's identity, attached when the test is registered (a case that never runs still has it). */
  it(title: string, meta: ConformanceCaseMeta, body: (ctx: TestContext) => Promise<void>): void;
  beforeAll(hook: () => Promise<void>): void;
  afterAll(hook: () => Promise<void>): void;
}

export interface SuiteOptions {
  /**
   * The suite injects faults (`faultInjector()`): on a real cluster its client talks through a fault proxy
   * (harness/faults/fault-proxy.ts); the simulator injects them itself.
   */
  readonly faults?: boolean;
  /** Vitest by default; tests of this module pass their own. */
  readonly host?: SuiteHost;
}

/** A check cut short because the run stopped: its message is the run's one reason. */
export class RunAbortedError extends OmlcError<'run-aborted'> {
  override name = 'RunAbortedError';

  constructor(message: string) {
    super('run-aborted', message);
    withoutStack(this);
  }
}

function vitestHost(): SuiteHost {
  const plan = inject('livePlan');
  const profile = inject('simulatorProfile');
  return {
    target: inject('target'),
    runId: inject('runId'),
    project: plan?.projectName ?? `offline:${profile ?? '?'}`,
    it: (title, meta, body) => it(title, { meta: { conformance: meta } }, body),
    beforeAll: (hook) => beforeAll(hook),
    afterAll: (hook) => afterAll(hook),
  };
}

/** The path a check's models are registered by: its own (catalog `registers`) or the target's. */
function registrationOf(checkId: CheckId, target: AvailableTarget): RegistrationPath {
  const requirement: CheckRequirement = CHECKS[checkId];
  return requirement.registers ?? target.registration.via;
}

/** Call inside a `describe` callback (once per describe). */
export function openSuite(suite: string, card?: ModelCard, options: SuiteOptions = {}): SuiteContext {
  const host = options.host ?? vitestHost();
  const { target, runId } = host;
  const scope = card === undefined ? suite : `${suite}-${card.id}`;
  const ledger = new ResourceLedger();
  const registry = new CheckRegistry(scope);
  let client: MlClient | undefined;
  let lifecycle: ModelLifecycle | undefined;
  let leaveScope: (() => void) | undefined;
  let proxy: FaultProxy | undefined;
  // The running check's signal: aborted when Vitest cancels the run, the test times out, or this worker is signalled.
  let checkSignal: AbortSignal | undefined;
  // The running check's deadline for its waits (check-deadline.ts); undefined between checks.
  let waitDeadline: number | undefined;
  // The check's last request: a failed assertion on an answer is reported with the request that produced it.
  let lastRequest: RequestSummary | undefined;

  host.beforeAll(async () => {
    if (!target.available) {
      return;
    }
    leaveScope = enterSuiteScope();
    if (options.faults === true && target.kind !== 'simulator' && target.capabilities.faultInjection) {
      proxy = await startFaultProxy(target.connection);
      setProxyFaults(proxy.faults);
    }
    client = createMlClient(proxy?.connection ?? target.connection, {
      onAnswer: (request) => {
        lastRequest = request;
      },
    });
    lifecycle = new ModelLifecycle({
      client,
      ledger,
      runId,
      scope,
      signal: () => checkSignal,
      deadline: () => waitDeadline,
      registration: target.registration.via,
      progress: (line) => {
        console.log(`[omlc] ${line}`);
      },
      ...(target.polling === undefined ? {} : { polling: target.polling }),
      ...(target.timeouts === undefined ? {} : { timeouts: target.timeouts }),
    });
  });

  host.afterAll(async () => {
    if (client === undefined) {
      return;
    }
    try {
      const abort = readAbortFlag(runId);
      if (abort?.kind === 'target-lost' && abort.project === host.project) {
        return; // the node is gone, and everything on it with its data dir
      }
      const stopping = abort !== undefined || workerInterrupted().aborted;
      const hurry = cleanupHurry(runId);
      try {
        const report = await ledger.releaseAll({ hurry: hurry.signal }).catch((error: unknown) => {
          if (stopping && error instanceof Error && 'report' in error) {
            appendReleased(runId, host.project, releaseLines(scope, (error as { report: ReleaseReport }).report));
          }
          throw error;
        });
        if (stopping) {
          // The run's teardown prints these and audits the whole run id, so the scope audit is skipped.
          appendReleased(runId, host.project, releaseLines(scope, report));
        } else {
          await assertScopeClean(client, runId, scope);
        }
      } finally {
        hurry.stop();
      }
    } finally {
      leaveScope?.();
      await client.close();
      if (proxy !== undefined) {
        setProxyFaults(undefined);
        await proxy.close();
      }
    }
  });

  const context: SuiteContext = {
    suite,
    card,
    target,
    runId,
    ledger,
    get client(): MlClient {
      if (client === undefined) {
        throw new Error(`${scope}: the ML client exists only inside checks and hooks of an available target`);
      }
      return client;
    },
    get lifecycle(): ModelLifecycle {
      if (lifecycle === undefined) {
        throw new Error(`${scope}: the lifecycle driver exists only inside checks and hooks of an available target`);
      }
      return lifecycle;
    },
    get live(): AvailableTarget {
      if (!target.available) {
        throw new Error(`${scope}: target ${target.label} is not available: ${target.reason}`);
      }
      return target;
    },
    check(checkId, body, options = {}) {
      const entry: RegisteredCheck = {
        id: checkId,
        key: checkKey(checkId, options.variant),
        after: options.after ?? [],
      };
      registry.register(entry);
      const title =
        options.variant === undefined ? CHECKS[checkId].title : `${CHECKS[checkId].title} [${options.variant}]`;
      const identity: ConformanceCaseMeta = {
        suite,
        check: checkId,
        card: card?.id ?? '-',
        ...(options.variant === undefined ? {} : { variant: options.variant }),
        ...(target.available ? { registration: registrationOf(checkId, target) } : {}),
      };
      host.it(title, identity, async (ctx) => {
        ctx.task.meta.conformance = identity;
        lastRequest = undefined;
        if (!target.available && target.failure !== undefined) {
          throw new RunAbortedError(
            `${target.label} failed to start (details in the run's setup output): ${target.failure}`,
          );
        }
        try {
          registry.assertWired(entry);
        } catch (error) {
          registry.record(entry.key, 'failed');
          throw error;
        }
        const stopped = stopReason(runId);
        const reason = stopped ?? registry.skipReason(entry, (id) => skipReason(id, card, target));
        if (reason !== undefined) {
          registry.record(entry.key, 'skipped');
          ctx.skip(reason);
          return;
        }
        const timingsBefore = lifecycle?.timings().length ?? 0;
        checkSignal = AbortSignal.any([ctx.signal, workerInterrupted()]);
        waitDeadline = checkDeadline(Date.now(), ctx.task.timeout);
        try {
          await body(ctx);
          registry.record(entry.key, 'passed');
        } catch (error) {
          // A body may find at run time that it cannot run (e.g. a card new since the baseline): ctx.skip(reason).
          if (isVitestSkip(error)) {
            registry.record(entry.key, 'skipped');
            throw error;
          }
          registry.record(entry.key, 'failed');
          if (lastRequest !== undefined) {
            ctx.task.meta.conformance = { ...identity, lastRequest };
          }
          // Once the run stops, whatever this check was doing fails for that one reason, not as a connection error
          // (no `cause` either: Vitest would print the connection error and its stack under it).
          const stoppedNow = stopReason(runId);
          throw stoppedNow === undefined ? error : new RunAbortedError(stoppedNow);
        } finally {
          checkSignal = undefined;
          waitDeadline = undefined;
          const timings = lifecycle?.timings().slice(timingsBefore) ?? [];
          if (timings.length > 0) {
            ctx.task.meta.conformance = {
              ...ctx.task.meta.conformance,
              timings: timings.map((t) => ({
                phase: t.phase,
                wallMs: t.wallMs,
                ok: t.ok,
                ...(t.serverMs === undefined ? {} : { serverMs: t.serverMs }),
              })),
            };
          }
        }
      });
    },
  };
  return context;
}

/** Why no more checks run in this worker: the run's abort, or a signal this worker received. */
function stopReason(runId: string): string | undefined {
  const abort = readAbortFlag(runId);
  if (abort !== undefined) {
    return abort.message;
  }
  const interrupted = workerInterrupted();
  return interrupted.aborted ? (interrupted.reason as Error).message : undefined;
}

/** A registration tracked by name (pending-registration.ts) has no id yet. */
function idText(id: string): string {
  return id.startsWith('pending:') ? 'its register request was in flight' : id;
}

/** `lifecycle-tiny-onnx-sym: released model omlc-…-model (abc123)`, one line per resource. */
function releaseLines(scope: string, report: ReleaseReport): string[] {
  const line = (verb: string, r: { kind: string; id: string; label: string }): string =>
    `${scope}: ${verb} ${r.label.startsWith(`${r.kind} `) ? r.label : `${r.kind} ${r.label} (${idText(r.id)})`}`;
  return [
    ...report.released.map((r) => line('released', r)),
    ...report.alreadyGone.map((r) => line('already gone:', r)),
    ...report.failed.map(
      (f) =>
        `${line('could not release', f.resource)}: ${f.error instanceof Error ? f.error.message : String(f.error)}`,
    ),
  ];
}

/** `ctx.skip()` throws Vitest's PendingError, recognisable by its code. */
function isVitestSkip(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'VITEST_PENDING';
}
