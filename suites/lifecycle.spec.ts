/**
 * The full lifecycle of every model card: register → deploy → predict (shape, dtype, norm, reference, determinism,
 * batching, both endpoints, long input) → undeploy → delete, asserting the state at each phase.
 */
import { describe, expect } from 'vitest';
import type { PredictRequest } from '../harness/ml/request-types.ts';
import { conformanceCards } from '../harness/suite/fixtures.ts';
import { presence } from '../harness/suite/http-outcome.ts';
import {
  contentTypeFor,
  embeddingRequest,
  isUnitNorm,
  sentenceEmbedding,
  sentenceEmbeddings,
} from '../harness/suite/predictions.ts';
import { referenceFor } from '../harness/suite/reference.ts';
import { registerRequestFor, uploadArtifactOf } from '../harness/suite/register-request.ts';
import { openSuite } from '../harness/suite/suite-context.ts';
import { describeFlips, watchDeployment } from '../harness/suite/watch-deployment.ts';

describe.for(conformanceCards())('lifecycle · $id', (card) => {
  const s = openSuite('lifecycle', card);
  const reference = referenceFor(card);
  // Asymmetric models refuse predict without a content type; their probes are checked as queries here.
  const contentType = contentTypeFor(card);
  const request = (texts: readonly string[]): PredictRequest => embeddingRequest(texts, contentType);
  let groupId = '';
  let modelId = '';

  s.check('lifecycle.register', async () => {
    ({ groupId } = await s.lifecycle.registerGroup());
    // By the target's registration path (the run prints which and why); upload.* checks that path in detail.
    const registered = await s.lifecycle.register(registerRequestFor(card, { groupId }));
    modelId = registered.modelId;
    if (registered.via === 'url') {
      expect(registered.task.state).toBe('COMPLETED');
      expect(registered.task.task_type).toBe('REGISTER_MODEL');
    } else {
      expect(registered.uploadedBytes, 'bytes uploaded').toBe(uploadArtifactOf(card)?.size);
    }
    const model = await s.client.getModel(modelId);
    expect(model.model_state).toBe('REGISTERED');
    expect(model.model_group_id).toBe(groupId);
    expect(model.model_format).toBe(card.format);
  });

  s.check(
    'lifecycle.deploy',
    async () => {
      const { task } = await s.lifecycle.deploy(modelId);
      expect(task.state).toBe('COMPLETED');
      expect(task.task_type).toBe('DEPLOY_MODEL');
      expect((await s.client.getModel(modelId)).model_state).toBe('DEPLOYED');
    },
    { after: ['lifecycle.register'] },
  );

  s.check(
    'lifecycle.stays-deployed',
    async () => {
      const watch = await watchDeployment(s.client, modelId, { predict: request([card.probes[0]?.text ?? 'text']) });
      expect(watch.flips, describeFlips(modelId, watch)).toEqual([]);
    },
    { after: ['lifecycle.deploy'] },
  );

  describe.for(card.probes)('probe $id', (probe) => {
    s.check(
      'lifecycle.embedding',
      async () => {
        const tensor = sentenceEmbedding(await s.lifecycle.predict(modelId, request([probe.text])));
        expect(tensor).toBeEmbedding({ dimension: card.expectations.dimension, dtype: card.expectations.dtype });
        expect(isUnitNorm(tensor.data, 1e-3), 'unit L2 norm iff the card expects normalized output').toBe(
          card.expectations.normalized,
        );
      },
      { after: ['lifecycle.deploy'], variant: probe.id },
    );

    s.check(
      'lifecycle.reference',
      async (ctx) => {
        if (s.live.kind === 'simulator' && reference.source(probe, contentType) === 'computed') {
          // The simulator computes ONNX embeddings with the same harness code: only a golden makes this independent.
          await ctx.annotate(`${card.id} has no golden for probe ${probe.id}: self-consistency only on the simulator`);
        }
        const tensor = sentenceEmbedding(await s.lifecycle.predict(modelId, request([probe.text])));
        expect(tensor).toMatchEmbedding(await reference.embed(probe, contentType), card.expectations.tolerance);
      },
      { after: ['lifecycle.deploy'], variant: probe.id },
    );
  });

  s.check(
    'lifecycle.deterministic',
    async () => {
      const [probe] = card.probes;
      const text = probe?.text ?? '';
      const first = sentenceEmbedding(await s.lifecycle.predict(modelId, request([text])));
      const second = sentenceEmbedding(await s.lifecycle.predict(modelId, request([text])));
      expect(second.data).toEqual(first.data);
    },
    { after: ['lifecycle.deploy'] },
  );

  s.check(
    'lifecycle.batch',
    async () => {
      const texts = card.probes.map((p) => p.text);
      const batch = sentenceEmbeddings(await s.lifecycle.predict(modelId, request(texts)));
      expect(batch).toHaveLength(texts.length);
      for (const [index, text] of texts.entries()) {
        const single = sentenceEmbedding(await s.lifecycle.predict(modelId, request([text])));
        expect(batch[index], `batch item ${index}`).toMatchEmbedding(single, card.expectations.tolerance);
      }
    },
    { after: ['lifecycle.deploy'] },
  );

  s.check(
    'lifecycle.endpoints',
    async () => {
      const text = card.probes[0]?.text ?? '';
      const viaAlgorithm = sentenceEmbedding(
        await s.client.predict(modelId, request([text]), { route: 'text_embedding' }),
      );
      const viaModel = sentenceEmbedding(await s.client.predict(modelId, request([text]), { route: 'model' }));
      expect(viaModel.data).toEqual(viaAlgorithm.data);
    },
    { after: ['lifecycle.deploy'] },
  );

  s.check(
    'lifecycle.long-input',
    async () => {
      const long = card.probes.find((p) => p.exceedsMaxLength);
      expect(long, 'card has a probe longer than model_max_length').toBeDefined();
      const tensor = sentenceEmbedding(await s.lifecycle.predict(modelId, request([long?.text ?? ''])));
      expect(tensor).toBeEmbedding({ dimension: card.expectations.dimension, dtype: card.expectations.dtype });
    },
    { after: ['lifecycle.deploy'] },
  );

  s.check(
    'lifecycle.undeploy',
    async () => {
      const { model } = await s.lifecycle.undeploy(modelId);
      expect(model.model_state).toBe('UNDEPLOYED');
    },
    { after: ['lifecycle.deploy'] },
  );

  s.check(
    'lifecycle.delete',
    async () => {
      await s.lifecycle.deleteModel(modelId);
      await s.lifecycle.deleteGroup(groupId);
      expect(await presence(s.client.getModel(modelId)), `model ${modelId}`).toBe('gone');
      expect(await presence(s.client.getModelGroup(groupId)), `group ${groupId}`).toBe('gone');
    },
    { after: ['lifecycle.undeploy'] },
  );
});
