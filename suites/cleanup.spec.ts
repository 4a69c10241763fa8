/**
 * Clean-up: a complete lifecycle leaves nothing behind, and the leak audit finds nothing with this run's id on
 * the cluster (on a live target, files run one at a time, so everything released so far is included).
 */
import { describe, expect } from 'vitest';
import { findScopeLeaks } from '../harness/lifecycle/scope-audit.ts';
import { conformanceCards } from '../harness/suite/fixtures.ts';
import { presence } from '../harness/suite/http-outcome.ts';
import { contentTypeFor, embeddingRequest } from '../harness/suite/predictions.ts';
import { registerRequestFor } from '../harness/suite/register-request.ts';
import { openSuite } from '../harness/suite/suite-context.ts';

describe.for(conformanceCards())('cleanup · $id', (card) => {
  const s = openSuite('cleanup', card);
  const contentType = contentTypeFor(card);

  s.check('cleanup.full-lifecycle', async () => {
    const result = await s.lifecycle.run({
      register: registerRequestFor(card),
      predict: embeddingRequest([card.probes[0]?.text ?? 'text'], contentType),
    });
    expect(result.undeployedModel.model_state).toBe('UNDEPLOYED');
    expect(s.ledger.pending, 'ledger entries left after a complete lifecycle').toEqual([]);
    expect(await presence(s.client.getModel(result.modelId))).toBe('gone');
    expect(await presence(s.client.getModelGroup(result.groupId))).toBe('gone');
  });

  s.check(
    'cleanup.audit',
    async () => {
      expect(await findScopeLeaks(s.client, s.runId)).toEqual([]);
    },
    { after: ['cleanup.full-lifecycle'] },
  );
});
