/**
 * The ML Commons API's refusals, per version: predict before deploy, deleting a deployed model or a group that
 * still has models, unknown ids, empty input and duplicate group names. Each must come back with the documented
 * HTTP status and reason, never a 200 or a different error.
 */
import { describe, expect } from 'vitest';
import { expectedBehaviour } from '../harness/checks/expected-behaviour.ts';
import { expectRefusal } from '../harness/suite/expect-refusal.ts';
import { conformanceCards } from '../harness/suite/fixtures.ts';
import { outcomeOf } from '../harness/suite/http-outcome.ts';
import { contentTypeFor, embeddingRequest } from '../harness/suite/predictions.ts';
import { registerRequestFor } from '../harness/suite/register-request.ts';
import { openSuite } from '../harness/suite/suite-context.ts';

/** Well-formed (20 characters, like ML Commons document ids) but never issued. */
const UNKNOWN_ID = 'omlcUnknownId0000000';

describe.for(conformanceCards())('api-errors · $id', (card) => {
  const s = openSuite('api-errors', card);
  const contentType = contentTypeFor(card);
  const predictBody = (texts: readonly string[]) => embeddingRequest(texts, contentType);
  let groupId = '';
  let groupName = '';
  let modelId = '';

  s.check('setup.register', async () => {
    ({ groupId, name: groupName } = await s.lifecycle.registerGroup());
    ({ modelId } = await s.lifecycle.register(registerRequestFor(card, { groupId })));
  });

  s.check(
    'api.predict-before-deploy',
    async () => {
      const refused = await outcomeOf(s.client.predict(modelId, predictBody([card.probes[0]?.text ?? 'text'])));
      expectRefusal(refused, expectedBehaviour('predict-before-deploy', s.live.version, modelId));
    },
    { after: ['setup.register'] },
  );

  s.check(
    'api.delete-group-with-models',
    async () => {
      const refused = await outcomeOf(s.client.deleteModelGroup(groupId));
      expectRefusal(refused, expectedBehaviour('delete-group-with-models', s.live.version));
    },
    { after: ['setup.register'] },
  );

  s.check(
    'api.duplicate-group-name',
    async () => {
      const refused = await outcomeOf(s.lifecycle.registerGroup(groupName));
      expectRefusal(refused, expectedBehaviour('duplicate-group-name', s.live.version, groupId));
    },
    { after: ['setup.register'] },
  );

  s.check(
    'setup.deploy',
    async () => {
      await s.lifecycle.deploy(modelId);
    },
    { after: ['setup.register'] },
  );

  s.check(
    'api.delete-deployed-model',
    async () => {
      const refused = await outcomeOf(s.client.deleteModel(modelId));
      expectRefusal(refused, expectedBehaviour('delete-deployed-model', s.live.version));
    },
    { after: ['setup.deploy'] },
  );

  s.check(
    'api.empty-text-docs',
    async () => {
      const refused = await outcomeOf(s.client.predict(modelId, predictBody([])));
      expectRefusal(refused, expectedBehaviour('empty-text-docs', s.live.version));
    },
    { after: ['setup.deploy'] },
  );

  s.check('api.unknown-ids', async () => {
    expectRefusal(
      await outcomeOf(s.client.getModel(UNKNOWN_ID)),
      expectedBehaviour('unknown-model', s.live.version, UNKNOWN_ID),
    );
    expectRefusal(await outcomeOf(s.client.getTask(UNKNOWN_ID)), expectedBehaviour('unknown-task', s.live.version));
    expectRefusal(
      await outcomeOf(s.client.getModelGroup(UNKNOWN_ID)),
      expectedBehaviour('unknown-group', s.live.version, UNKNOWN_ID),
    );
  });

  s.check(
    'api.delete-unknown-group',
    async () => {
      const expected = expectedBehaviour('delete-unknown-group', s.live.version);
      const deleted = await s.client.deleteModelGroup(UNKNOWN_ID);
      expect(deleted).toMatchObject({ result: expected.text });
    },
    { after: ['setup.register'] },
  );
});
