/**
 * What a suite's `describe` block gets: the target, an ML client, a resource ledger and the lifecycle driver,
 * plus `check()`, which registers one conformance case. `check()` attaches the case's report metadata, asks the
 * one skip-reason function whether the case can run here, and skips (with the reason) a case whose prerequisite
 * step did not pass, so a failed register shows as one failure and a row of explained skips.
 *
 * Clean-up is wired where the resources are created: the ledger is released in `afterAll` (also on failure) and
 * on SIGINT/SIGTERM, then the scope's leak audit runs.
 */
import { afterAll, beforeAll, inject, it, type TestContext } from 'vitest';
import { CHECKS, type CheckId } from '../checks/catalog.ts';
import { skipReason } from '../checks/skip-reason.ts';
import { installAbortCleanup } from '../lifecycle/abort-cleanup.ts';
import { ModelLifecycle } from '../lifecycle/model-lifecycle.ts';
import { ResourceLedger } from '../lifecycle/resource-ledger.ts';
import { assertScopeClean } from '../lifecycle/scope-audit.ts';
import type { MlClient } from '../ml/client.ts';
import { createMlClient } from '../ml/client.ts';
import type { ModelCard } from '../models/model-card.ts';
import '../report/case-meta.ts';
import type { AvailableTarget, ProvidedTarget } from '../targets/target-info.ts';

export interface CheckOptions {
  /** Keys of checks (`checkId` or `checkId[variant]`) that must have passed first. */
  readonly after?: readonly string[];
  /** Second case dimension, e.g. a probe id; part of the case id and the title. */
  readonly variant?: string;
  /**
   * For setup steps: the checks that use this step. When every one of them is skipped on this target, the step
   * is skipped too (nothing is registered for nothing).
   */
  readonly neededBy?: readonly CheckId[];
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

type Outcome = 'passed' | 'failed' | 'skipped';

export function checkKey(checkId: CheckId, variant?: string): string {
  return variant === undefined ? checkId : `${checkId}[${variant}]`;
}

function unmetPrerequisite(after: readonly string[], outcomes: ReadonlyMap<string, Outcome>): string | undefined {
  for (const key of after) {
    const outcome = outcomes.get(key);
    if (outcome !== 'passed') {
      const what = outcome === undefined ? 'did not run' : outcome === 'failed' ? 'failed' : 'was skipped';
      return `needs "${key}", which ${what}`;
    }
  }
  return undefined;
}

function unneeded(
  neededBy: readonly CheckId[] | undefined,
  card: ModelCard | undefined,
  target: ProvidedTarget,
): string | undefined {
  if (neededBy === undefined || neededBy.some((id) => skipReason(id, card, target) === undefined)) {
    return undefined;
  }
  return `not needed here: every check that uses it is skipped (${neededBy.join(', ')})`;
}

/** Call inside a `describe` callback (once per describe). */
export function openSuite(suite: string, card?: ModelCard): SuiteContext {
  const target = inject('target');
  const runId = inject('runId');
  const scope = card === undefined ? suite : `${suite}-${card.id}`;
  const ledger = new ResourceLedger();
  const outcomes = new Map<string, Outcome>();
  let client: MlClient | undefined;
  let lifecycle: ModelLifecycle | undefined;
  let uninstallAbort: (() => void) | undefined;

  beforeAll(() => {
    if (!target.available) {
      return;
    }
    client = createMlClient(target.connection);
    lifecycle = new ModelLifecycle({
      client,
      ledger,
      runId,
      scope,
      ...(target.polling === undefined ? {} : { polling: target.polling }),
    });
    uninstallAbort = installAbortCleanup(ledger);
  });

  afterAll(async () => {
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
      const key = checkKey(checkId, options.variant);
      const title =
        options.variant === undefined ? CHECKS[checkId].title : `${CHECKS[checkId].title} [${options.variant}]`;
      it(title, async (ctx) => {
        ctx.task.meta.conformance = {
          suite,
          check: checkId,
          card: card?.id ?? '-',
          ...(options.variant === undefined ? {} : { variant: options.variant }),
        };
        if (!target.available && target.failure !== undefined) {
          throw new Error(`${target.label} failed to start (details in the run's setup output): ${target.failure}`);
        }
        const reason =
          skipReason(checkId, card, target) ??
          unneeded(options.neededBy, card, target) ??
          unmetPrerequisite(options.after ?? [], outcomes);
        if (reason !== undefined) {
          outcomes.set(key, 'skipped');
          ctx.skip(reason);
          return;
        }
        const timingsBefore = lifecycle?.timings().length ?? 0;
        try {
          await body(ctx);
          outcomes.set(key, 'passed');
        } catch (error) {
          outcomes.set(key, 'failed');
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
