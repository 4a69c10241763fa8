/**
 * Asymmetric (query/passage) models: the two content types must diverge, each must equal the same artifact
 * registered without prefixes on the prefixed text, and misuse (no content type on an asymmetric model, a content
 * type on a symmetric one) must be refused — with the documented 2.13 behaviour where `parameters` was ignored.
 */
import { describe, expect } from 'vitest';
import { expectedBehaviour } from '../harness/checks/expected-behaviour.ts';
import { expectRefusal } from '../harness/suite/expect-refusal.ts';
import { conformanceCards } from '../harness/suite/fixtures.ts';
import { outcomeOf } from '../harness/suite/http-outcome.ts';
import { embeddingRequest, sentenceEmbedding } from '../harness/suite/predictions.ts';
import { registerRequestFor } from '../harness/suite/register-request.ts';
import { openSuite } from '../harness/suite/suite-context.ts';

describe.for(conformanceCards())('asymmetric · $id', (card) => {
  const s = openSuite('asymmetric', card);
  const text = card.probes[0]?.text ?? '';
  const { query_prefix: queryPrefix, passage_prefix: passagePrefix, ...unprefixedConfig } = card.modelConfig;
  let modelId = '';
  let unprefixedId = '';

  s.check('setup.deploy', async () => {
    const { groupId } = await s.lifecycle.registerGroup();
    ({ modelId } = await s.lifecycle.register(registerRequestFor(card, { groupId })));
    await s.lifecycle.deploy(modelId);
  });

  describe.for(card.probes)('probe $id', (probe) => {
    s.check(
      'asymmetric.divergence',
      async () => {
        const query = sentenceEmbedding(await s.lifecycle.predict(modelId, embeddingRequest([probe.text], 'query')));
        const passage = sentenceEmbedding(
          await s.lifecycle.predict(modelId, embeddingRequest([probe.text], 'passage')),
        );
        expect(query).toDivergeFrom(passage, { maxCosine: card.expectations.divergenceMaxCosine ?? 1 });
      },
      { after: ['setup.deploy'], variant: probe.id },
    );
  });

  s.check('setup.deploy-unprefixed', async () => {
    const { groupId } = await s.lifecycle.registerGroup();
    ({ modelId: unprefixedId } = await s.lifecycle.register(
      registerRequestFor(card, { groupId, modelConfig: unprefixedConfig }),
    ));
    await s.lifecycle.deploy(unprefixedId);
  });

  describe.for(card.probes)('probe $id', (probe) => {
    s.check(
      'asymmetric.prefix-equivalence',
      async () => {
        const asQuery = sentenceEmbedding(await s.lifecycle.predict(modelId, embeddingRequest([probe.text], 'query')));
        const prefixedQuery = sentenceEmbedding(
          await s.lifecycle.predict(unprefixedId, embeddingRequest([`${queryPrefix ?? ''}${probe.text}`])),
        );
        expect(asQuery, 'query').toMatchEmbedding(prefixedQuery, card.expectations.tolerance);
        const asPassage = sentenceEmbedding(
          await s.lifecycle.predict(modelId, embeddingRequest([probe.text], 'passage')),
        );
        const prefixedPassage = sentenceEmbedding(
          await s.lifecycle.predict(unprefixedId, embeddingRequest([`${passagePrefix ?? ''}${probe.text}`])),
        );
        expect(asPassage, 'passage').toMatchEmbedding(prefixedPassage, card.expectations.tolerance);
      },
      { after: ['setup.deploy', 'setup.deploy-unprefixed'], variant: probe.id },
    );
  });

  s.check(
    'asymmetric.content-type-required',
    async () => {
      const refused = await outcomeOf(s.client.predict(modelId, embeddingRequest([text])));
      expectRefusal(refused, expectedBehaviour('asymmetric-without-content-type', s.live.version));
    },
    { after: ['setup.deploy'] },
  );

  s.check(
    'asymmetric.unusable-before-2.14',
    async () => {
      const refused = await outcomeOf(s.client.predict(modelId, embeddingRequest([text], 'query')));
      expectRefusal(refused, expectedBehaviour('asymmetric-without-content-type', s.live.version));
    },
    { after: ['setup.deploy'] },
  );

  s.check(
    'asymmetric.content-type-on-symmetric',
    async () => {
      const refused = await outcomeOf(s.client.predict(modelId, embeddingRequest([text], 'query')));
      expectRefusal(refused, expectedBehaviour('content-type-on-symmetric', s.live.version));
    },
    { after: ['setup.deploy'] },
  );
});
