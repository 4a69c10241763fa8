/**
 * What the upgrade rehearsal's `describe` gets: one node on a kept data dir (old version, then new), one client that
 * follows it, a ledger and a lifecycle driver per card on that client, and `check()`, which registers a case like a
 * suite's `check()` does (catalog skip reasons for both versions, prerequisites, report metadata, phase timings).
 * A case is cluster-wide or about one card; the variant (auto-redeploy on/off) is part of every case id.
 */
import { afterAll, beforeAll, inject, it, type TestContext } from 'vitest';
import { CHECKS, type CheckId, type CheckKey } from '../checks/catalog/index.ts';
import { skipReason } from '../checks/skip-reason.ts';
import '../config/provided-context.ts';
import { runConfig } from '../config/run-config.ts';
import { errorMessage } from '../errors/error-message.ts';
import { ModelLifecycle } from '../lifecycle/model-lifecycle.ts';
import { ResourceLedger } from '../lifecycle/resource-ledger.ts';
import { resourceName } from '../lifecycle/resource-naming.ts';
import type { MlClient } from '../ml/client.ts';
import type { ModelCard } from '../models/model-card.ts';
import '../report/case-meta.ts';
import { CheckRegistry, checkKey, type RegisteredCheck } from '../suite/check-registry.ts';
import { resolveNativePaths } from '../targets/native/index.ts';
import type { AvailableTarget, ProvidedTarget } from '../targets/target-info.ts';
import { cleanupHurry, enterSuiteScope, workerInterrupted } from '../run/worker-interrupt.ts';
import { RehearsalCluster } from './rehearsal-cluster.ts';
import type { UpgradePlan } from './upgrade-plan.ts';
import { join } from 'node:path';

export interface RehearsalVariant {
  readonly id: 'redeploy-on' | 'redeploy-off';
  readonly autoRedeploy: boolean;
  readonly title: string;
}

export const REHEARSAL_VARIANTS: readonly RehearsalVariant[] = [
  { id: 'redeploy-on', autoRedeploy: true, title: 'auto-redeploy on (the default)' },
  { id: 'redeploy-off', autoRedeploy: false, title: 'auto-redeploy off' },
];

export interface RehearsalCheckOptions {
  /** The card the case is about; omitted for cluster-wide cases. */
  readonly card?: ModelCard;
  readonly after?: readonly CheckKey[];
}

export interface Rehearsal {
  readonly plan: UpgradePlan;
  readonly variant: RehearsalVariant;
  readonly runId: string;
  /** Inside checks only. */
  readonly node: RehearsalCluster;
  readonly client: MlClient;
  /** `omlc-<runId>-upgrade-<variant>-`: every name this describe creates starts with it. */
  readonly namePrefix: string;
  lifecycle(card: ModelCard): ModelLifecycle;
  /** The case key a card's check registers under (for `after`). */
  key(checkId: CheckId, card?: ModelCard): CheckKey;
  check(checkId: CheckId, body: (ctx: TestContext) => Promise<void>, options?: RehearsalCheckOptions): void;
}

/** The target as it is before the upgrade: a card must apply to both versions. */
function beforeUpgrade(target: AvailableTarget, plan: UpgradePlan): AvailableTarget {
  return { ...target, version: plan.from, label: `native ${plan.from}` };
}

export function openRehearsal(plan: UpgradePlan, variant: RehearsalVariant): Rehearsal {
  const target: ProvidedTarget = inject('target');
  const runId = inject('runId');
  const scope = `upgrade-${variant.id}`;
  const registry = new CheckRegistry(scope);
  const ledger = new ResourceLedger();
  const lifecycles = new Map<string, ModelLifecycle>();
  let node: RehearsalCluster | undefined;
  let leaveScope: (() => void) | undefined;

  beforeAll(() => {
    if (!target.available) {
      return;
    }
    // A signal aborts the running case instead of killing the worker, so afterAll can release and stop the node.
    leaveScope = enterSuiteScope();
    const config = runConfig();
    node = new RehearsalCluster({
      dataDir: join(resolveNativePaths(config).keptDataDir, `${runId}-${variant.id}`),
      autoRedeploy: variant.autoRedeploy,
      config,
      onProgress: (line) => console.log(`[omlc] ${scope}: ${line}`),
    });
  });

  afterAll(async () => {
    const hurry = cleanupHurry(runId);
    try {
      // Whatever a failed case left is released on the node that runs now; without one it goes with the data dir.
      if (node?.node !== undefined) {
        await ledger.releaseAll({ hurry: hurry.signal }).catch((error: unknown) => {
          console.log(`[omlc] ${scope}: releasing what the rehearsal created failed: ${errorMessage(error)}`);
        });
      }
    } finally {
      hurry.stop();
      await node?.dispose();
      leaveScope?.();
    }
  });

  const running = (): RehearsalCluster => {
    if (node === undefined) {
      throw new Error(`${scope}: the rehearsal node exists only inside checks of an available target`);
    }
    return node;
  };

  const catalogSkip = (card: ModelCard | undefined) => (id: CheckId) =>
    target.available
      ? (skipReason(id, card, beforeUpgrade(target, plan)) ?? skipReason(id, card, target))
      : skipReason(id, card, target);

  return {
    plan,
    variant,
    runId,
    get node() {
      return running();
    },
    get client() {
      return running().client;
    },
    namePrefix: resourceName(runId, scope, 'x').slice(0, -1),
    lifecycle(card) {
      let lifecycle = lifecycles.get(card.id);
      if (lifecycle === undefined) {
        lifecycle = new ModelLifecycle({
          client: running().client,
          ledger,
          runId,
          scope: `${scope}-${card.id}`,
          signal: () => workerInterrupted(),
        });
        lifecycles.set(card.id, lifecycle);
      }
      return lifecycle;
    },
    key: (checkId, card) => checkKey(checkId, card?.id),
    check(checkId, body, options = {}) {
      const { card } = options;
      const entry: RegisteredCheck = { id: checkId, key: checkKey(checkId, card?.id), after: options.after ?? [] };
      registry.register(entry);
      const title = card === undefined ? CHECKS[checkId].title : `${CHECKS[checkId].title} [${card.id}]`;
      it(title, async (ctx) => {
        ctx.task.meta.conformance = { suite: 'upgrade', check: checkId, card: card?.id ?? '-', variant: variant.id };
        if (!target.available && target.failure !== undefined) {
          throw new Error(
            `${target.label} could not be prepared (details in the run's setup output): ${target.failure}`,
          );
        }
        try {
          registry.assertWired(entry);
        } catch (error) {
          registry.record(entry.key, 'failed');
          throw error;
        }
        const reason = registry.skipReason(entry, catalogSkip(card));
        if (reason !== undefined) {
          registry.record(entry.key, 'skipped');
          ctx.skip(reason);
          return;
        }
        const lifecycle = card === undefined ? undefined : lifecycles.get(card.id);
        const timingsBefore = lifecycle?.timings().length ?? 0;
        try {
          await body(ctx);
          registry.record(entry.key, 'passed');
        } catch (error) {
          registry.record(entry.key, 'failed');
          throw error;
        } finally {
          const timings =
            (card === undefined ? undefined : lifecycles.get(card.id))?.timings().slice(timingsBefore) ?? [];
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
}
