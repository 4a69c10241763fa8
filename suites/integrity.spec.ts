/**
 * Artifact integrity at register time: a wrong or missing SHA-256, malformed zips, and the cluster settings that
 * gate URL registration. Every refused registration must leave no model behind.
 */
import { describe, expect } from 'vitest';
import { expectedBehaviour } from '../harness/checks/expected-behaviour.ts';
import { overrideClusterSettings } from '../harness/lifecycle/cluster-setting-override.ts';
import { TaskFailedError } from '../harness/ml/wait-errors.ts';
import { projectCard, SETTINGS_CARD_ID } from '../harness/models/project-cards.ts';
import { conformanceCards, negativeCases } from '../harness/suite/fixtures.ts';
import { expectRefusal } from '../harness/suite/expect-refusal.ts';
import { outcomeOf } from '../harness/suite/http-outcome.ts';
import { corruptedHash, registerRequestFor } from '../harness/suite/register-request.ts';
import { survivingModels } from '../harness/suite/registration-survivors.ts';
import { openSuite, type SuiteContext } from '../harness/suite/suite-context.ts';
import type { LifecycleRegisterRequest } from '../harness/lifecycle/lifecycle-types.ts';

/**
 * Registers, expects the task to fail, and returns the failure after checking no model document survived: looked up
 * by the registered name (FAILED tasks carry no model_id), before the ledger's own leftover search removes it.
 */
async function failedRegistration(s: SuiteContext, request: LifecycleRegisterRequest): Promise<TaskFailedError> {
  const name = request.name ?? s.lifecycle.nameFor('model');
  const error = await s.lifecycle.registerModel({ ...request, name }).then(
    (registered) => new Error(`register unexpectedly succeeded (model ${registered.modelId})`),
    (e: unknown) => e,
  );
  if (!(error instanceof TaskFailedError)) {
    throw error;
  }
  expect(error.state).toBe('FAILED');
  const refreshMs = s.live.searchRefreshMs;
  const survivors = await survivingModels(
    s.client,
    name,
    error.task.model_id,
    refreshMs === undefined ? {} : { refreshMs },
  );
  expect(survivors, `model documents named ${name} after the failed register`).toEqual([]);
  return error;
}

describe.for(conformanceCards())('integrity · $id', (card) => {
  const s = openSuite('integrity', card);

  s.check('integrity.wrong-hash', async () => {
    const { groupId } = await s.lifecycle.registerGroup();
    const failure = await failedRegistration(
      s,
      registerRequestFor(card, { groupId, hash: corruptedHash(card.artifact.sha256) }),
    );
    expect(failure.reason).toContain(expectedBehaviour('wrong-hash', s.live.version).text);
  });

  s.check('integrity.missing-hash', async () => {
    const { groupId } = await s.lifecycle.registerGroup();
    const failure = await failedRegistration(s, registerRequestFor(card, { groupId, hash: 'omit' }));
    expect(failure.reason).toContain(expectedBehaviour('missing-hash', s.live.version).text);
  });
});

describe.for(negativeCases())('integrity · negative artifact $id', (negative) => {
  // The base card only lends its model_config; it is a project card whatever ML_CARDS selects.
  const base = projectCard(negative.baseCard);
  const s = openSuite(`integrity-negative-${negative.id}`, base);

  s.check(
    'integrity.negative-artifact',
    async () => {
      const { groupId } = await s.lifecycle.registerGroup();
      const failure = await failedRegistration(
        s,
        registerRequestFor(base, {
          groupId,
          format: negative.format,
          artifactSha256: negative.artifact.sha256,
          hash: negative.artifact.sha256,
        }),
      );
      expect(failure.reason).toContain(negative.expectedError);
    },
    { variant: negative.id },
  );
});

describe('integrity · cluster settings', () => {
  // Any registrable model will do: the project's smallest card, so the settings checks run for any selection.
  const card = projectCard(SETTINGS_CARD_ID);
  const s = openSuite('integrity-settings', card);

  s.check('integrity.url-disabled', async () => {
    const { groupId } = await s.lifecycle.registerGroup();
    const restore = await overrideClusterSettings(s.client, s.ledger, {
      'plugins.ml_commons.allow_registering_model_via_url': false,
    });
    const refused = await outcomeOf(s.lifecycle.registerModel(registerRequestFor(card, { groupId })));
    await restore();
    expectRefusal(refused, expectedBehaviour('url-registration-disabled', s.live.version));
  });

  s.check('integrity.untrusted-url', async () => {
    const { groupId } = await s.lifecycle.registerGroup();
    const restore = await overrideClusterSettings(s.client, s.ledger, {
      'plugins.ml_commons.trusted_url_regex': '^https://models\\.example\\.invalid/.*$',
    });
    const refused = await outcomeOf(s.lifecycle.registerModel(registerRequestFor(card, { groupId })));
    await restore();
    expectRefusal(refused, expectedBehaviour('untrusted-url', s.live.version));
  });
});
