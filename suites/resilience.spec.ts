/**
 * The harness under adverse conditions (simulator only: it needs fault injection): transient 429/503 answers
 * while polling must not fail a lifecycle, and a FAILED deploy must surface the node's error and still be cleaned
 * up completely.
 */
import { describe, expect } from 'vitest';
import { TaskFailedError } from '../harness/ml/wait-errors.ts';
import { faultInjector } from '../harness/suite/fault-injection.ts';
import { conformanceCards } from '../harness/suite/fixtures.ts';
import { registerRequestFor } from '../harness/suite/register-request.ts';
import { openSuite } from '../harness/suite/suite-context.ts';

describe.for(conformanceCards())('resilience · $id', (card) => {
  const s = openSuite('resilience', card);

  s.check('resilience.transient-errors', async () => {
    faultInjector()
      .burst({ endpoint: 'task', status: 503, times: 2 })
      .burst({ endpoint: 'task', status: 429, times: 1 });
    try {
      const { groupId } = await s.lifecycle.registerGroup();
      const { modelId, task } = await s.lifecycle.registerModel(registerRequestFor(card, { groupId }));
      expect(task.state).toBe('COMPLETED');
      const deployed = await s.lifecycle.deploy(modelId);
      expect(deployed.task.state).toBe('COMPLETED');
      expect(
        faultInjector()
          .snapshot()
          .bursts.every((b) => b.remaining === 0),
        'every injected error was hit',
      ).toBe(true);
    } finally {
      faultInjector().clear();
    }
  });

  s.check('resilience.deploy-failure-cleanup', async () => {
    faultInjector().deployOutcome({ outcome: 'FAILED', error: 'simulated: libtorch could not be loaded', times: 1 });
    try {
      const { groupId } = await s.lifecycle.registerGroup();
      const { modelId } = await s.lifecycle.register(registerRequestFor(card, { groupId }));
      const failure = await s.lifecycle.deploy(modelId).then(
        () => new Error('deploy unexpectedly succeeded'),
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(TaskFailedError);
      expect((failure as TaskFailedError).reason).toContain('simulated: libtorch could not be loaded');
      expect((await s.client.getModel(modelId)).model_state).toBe('DEPLOY_FAILED');
      // The ledger still holds the model and its group; the describe's afterAll releases them and audits the scope.
      expect(s.ledger.pending.map((r) => r.kind)).toEqual(expect.arrayContaining(['model-group', 'model']));
    } finally {
      faultInjector().clear();
    }
  });
});
