/**
 * What a suite's `describe` block gets: the target, an ML client, a resource ledger and the lifecycle driver,
 * plus `check()`, which registers one conformance case. `check()` attaches the case's report metadata, asks the
 * one skip-reason function whether the case can run here, and skips (with the reason) a case whose prerequisite
 * step did not pass, so a failed register shows as one failure and a row of explained skips. Ordering rules live in
 * check-registry.ts.
 *
 * Clean-up is wired where the resources are created: the ledger is released in `afterAll` (also on failure) and
 * on SIGINT/SIGTERM, then the scope's leak audit runs.
 */
import { afterAll, beforeAll, inject, it, type TestContext } from 'vitest';
import { CHECKS, type CheckId, type CheckKey } from '../checks/catalog/index.ts';
import { skipReason } from '../checks/skip-reason.ts';
import { installAbortCleanup } from '../lifecycle/abort-cleanup.ts';
import { ModelLifecycle } from '../lifecycle/model-lifecycle.ts';
import { ResourceLedger } from '../lifecycle/resource-ledger.ts';
import { assertScopeClean } from '../lifecycle/scope-audit.ts';
import type { MlClient } from '../ml/client.ts';
import { createMlClient } from '../ml/client.ts';
import type { ModelCard } from '../models/model-card.ts';
import '../report/case-meta.ts';
import type { CheckRequirement } from '../checks/catalog/check-requirement.ts';
import type { AvailableTarget, ProvidedTarget, RegistrationPath } from '../targets/target-info.ts';
import { CheckRegistry, checkKey, type RegisteredCheck } from './check-registry.ts';
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
  it(title: string, body: (ctx: TestContext) => Promise<void>): void;
  beforeAll(hook: () => void): void;
  afterAll(hook: () => Promise<void>): void;
}

function vitestHost(): SuiteHost {
  return {
    target: inject('target'),
    runId: inject('runId'),
    it: (title, body) => it(title, body),
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
export function openSuite(suite: string, card?: ModelCard, host: SuiteHost = vitestHost()): SuiteContext {
  const { target, runId } = host;
  const scope = card === undefined ? suite : `${suite}-${card.id}`;
  const ledger = new ResourceLedger();
  const registry = new CheckRegistry(scope);
  let client: MlClient | undefined;
  let lifecycle: ModelLifecycle | undefined;
  let uninstallAbort: (() => void) | undefined;

  host.beforeAll(() => {
    if (!target.available) {
      return;
    }
    client = createMlClient(target.connection);
    lifecycle = new ModelLifecycle({
      client,
      ledger,
      runId,
      scope,
      registration: target.registration.via,
      progress: (line) => {
        console.log(`[omlc] ${line}`);
      },
      ...(target.polling === undefined ? {} : { polling: target.polling }),
      ...(target.chunkCleanupMs === undefined ? {} : { timeouts: { chunkCleanupMs: target.chunkCleanupMs } }),
    });
    uninstallAbort = installAbortCleanup(ledger);
  });

  host.afterAll(async () => {
    uninstallAbort?.();
    if (client === undefined) {
      return;
    }
    try {
      await ledger.releaseAll();
      await assertScopeClean(client, runId, scope);
    } finally {
      await client.close();
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
      host.it(title, async (ctx) => {
        ctx.task.meta.conformance = {
          suite,
          check: checkId,
          card: card?.id ?? '-',
          ...(options.variant === undefined ? {} : { variant: options.variant }),
          ...(target.available ? { registration: registrationOf(checkId, target) } : {}),
        };
        if (!target.available && target.failure !== undefined) {
          throw new Error(`${target.label} failed to start (details in the run's setup output): ${target.failure}`);
        }
        try {
          registry.assertWired(entry);
        } catch (error) {
          registry.record(entry.key, 'failed');
          throw error;
        }
        const reason = registry.skipReason(entry, (id) => skipReason(id, card, target));
        if (reason !== undefined) {
          registry.record(entry.key, 'skipped');
          ctx.skip(reason);
          return;
        }
        const timingsBefore = lifecycle?.timings().length ?? 0;
        try {
          await body(ctx);
          registry.record(entry.key, 'passed');
        } catch (error) {
          registry.record(entry.key, 'failed');
          throw error;
        } finally {
          const timings = lifecycle?.timings().slice(timingsBefore) ?? [];
          if (timings.length > 0 && ctx.task.meta.conformance !== undefined) {
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
