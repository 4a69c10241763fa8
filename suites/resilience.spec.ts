/**
 * The harness under adverse conditions, injected by the simulator offline and by the fault proxy in front of a real
 * cluster (the same fault plans): transient 429/503 answers, resets, cut-off bodies and latency while polling must not
 * fail a lifecycle, and a FAILED deploy must surface the node's error and still be cleaned up completely.
 */
import { describe, expect } from 'vitest';
import { TaskFailedError } from '../harness/ml/wait-errors.ts';
import { faultInjector } from '../harness/suite/fault-injection.ts';
import { conformanceCards } from '../harness/suite/fixtures.ts';
import { presence } from '../harness/suite/http-outcome.ts';
import { registerRequestFor } from '../harness/suite/register-request.ts';
import { openSuite } from '../harness/suite/suite-context.ts';

describe.for(conformanceCards())('resilience · $id', (card) => {
  const s = openSuite('resilience', card, { faults: true });

  /** Register and deploy one model while the faults set up by `inject` are active; all of them must be hit. */
  async function lifecycleThrough(inject: () => void): Promise<void> {
    inject();
    try {
      const { groupId } = await s.lifecycle.registerGroup();
      // By the target's path: a cluster with URL registration off is tested through upload (no register task there).
      const registered = await s.lifecycle.register(registerRequestFor(card, { groupId }));
      if (registered.via === 'url') {
        expect(registered.task.state).toBe('COMPLETED');
      }
      const { modelId } = registered;
      const deployed = await s.lifecycle.deploy(modelId);
      expect(deployed.task.state).toBe('COMPLETED');
      const left = faultInjector().snapshot();
      expect(
        [...left.bursts, ...left.drops, ...left.truncates, ...left.slow].filter((f) => f.remaining > 0),
        'every injected fault was hit',
      ).toEqual([]);
    } finally {
      faultInjector().clear();
    }
  }

  s.check('resilience.transient-errors', () =>
    lifecycleThrough(() => {
      faultInjector()
        .burst({ endpoint: 'task', status: 503, times: 2 })
        .burst({ endpoint: 'task', status: 429, times: 1 });
    }),
  );

  s.check('resilience.flaky-connection', () =>
    lifecycleThrough(() => {
      faultInjector()
        .drop({ endpoint: 'task', times: 1 })
        .truncate({ endpoint: 'task', times: 1 })
        .slow({ endpoint: 'task', delayMs: 100, times: 2 });
    }),
  );

  s.check('resilience.deploy-failure-cleanup', async () => {
    faultInjector().deployOutcome({ outcome: 'FAILED', error: 'injected: libtorch could not be loaded', times: 1 });
    try {
      const { groupId } = await s.lifecycle.registerGroup();
      const { modelId } = await s.lifecycle.register(registerRequestFor(card, { groupId }));
      const failure = await s.lifecycle.deploy(modelId).then(
        () => new Error('deploy unexpectedly succeeded'),
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(TaskFailedError);
      expect((failure as TaskFailedError).reason).toContain('injected: libtorch could not be loaded');
      // A failed deploy may still hold memory somewhere (behind the proxy the model really is DEPLOYED): the ledger
      // keeps the deployment, the model and the group, and releasing it leaves nothing.
      expect(s.ledger.pending.map((r) => r.kind)).toEqual(
        expect.arrayContaining(['model-group', 'model', 'deployment']),
      );
      await s.ledger.releaseAll();
      expect(await presence(s.client.getModel(modelId)), `model ${modelId}`).toBe('gone');
      expect(await presence(s.client.getModelGroup(groupId)), `group ${groupId}`).toBe('gone');
    } finally {
      faultInjector().clear();
    }
  });
});
