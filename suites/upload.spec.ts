/**
 * Registration without a URL — `_register_meta`, then the zip in numbered chunks — the path opensearch-py-ml takes
 * and the one that works where the cluster cannot download from this machine. Every card goes through it end to end;
 * then the mistakes ML Commons only notices at deploy (wrong hash, missing chunk, too few chunks, deploying early)
 * or at upload (a chunk number past total_chunks), and what a half-finished upload leaves behind. The texts are
 * the recorded ones (fixtures/recordings/<version>/upload.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, type TestContext } from 'vitest';
import { MAX_CHUNK_BYTES } from '../harness/ml/upload-api.ts';
import { expectedBehaviour, type BehaviourName } from '../harness/checks/expected-behaviour.ts';
import { chunkDocumentIds } from '../harness/lifecycle/chunk-documents.ts';
import { overrideClusterSettings } from '../harness/lifecycle/cluster-setting-override.ts';
import { uploadChunks, type UploadArtifact } from '../harness/lifecycle/upload-registration.ts';
import { MODEL_STATES } from '../harness/ml/schemas.ts';
import { waitForModelState } from '../harness/ml/wait-for-model-state.ts';
import { TaskFailedError } from '../harness/ml/wait-errors.ts';
import { conformanceCards, smallestCard } from '../harness/suite/fixtures.ts';
import { expectRefusal } from '../harness/suite/expect-refusal.ts';
import { outcomeOf, presence } from '../harness/suite/http-outcome.ts';
import { contentTypeFor, embeddingRequest, sentenceEmbedding } from '../harness/suite/predictions.ts';
import { referenceFor } from '../harness/suite/reference.ts';
import { corruptedHash, registerRequestFor, uploadArtifactOf } from '../harness/suite/register-request.ts';
import { openSuite, type SuiteContext } from '../harness/suite/suite-context.ts';

const REGISTERED_WITHIN_MS = 60_000;
/** From a FAILED deploy task to the model document saying so (two writes on the node). */
const DEPLOY_FAILED_WITHIN_MS = 10_000;

function artifactFor(s: SuiteContext): UploadArtifact {
  const artifact = s.card === undefined ? undefined : uploadArtifactOf(s.card);
  if (artifact === undefined) {
    throw new Error(`${s.card?.id ?? 'card'}: its zip is not on this machine (a URL artifact is cached by the run)`);
  }
  return artifact;
}

/** The answer to the last chunk comes before ML Commons marks the model REGISTERED: wait for it. */
async function registered(s: SuiteContext, modelId: string): Promise<void> {
  await waitForModelState(s.client, modelId, ['REGISTERED'], {
    timeoutMs: REGISTERED_WITHIN_MS,
    ...s.live.polling,
  });
}

/** Deploys expecting the task to fail with ML Commons’ text, and the model to end DEPLOY_FAILED. */
async function failedDeploy(s: SuiteContext, modelId: string, behaviour: BehaviourName, id = ''): Promise<void> {
  const failure = await s.lifecycle.deploy(modelId).then(
    () => new Error(`deploy of ${modelId} unexpectedly succeeded`),
    (error: unknown) => error,
  );
  if (!(failure instanceof TaskFailedError)) {
    throw failure;
  }
  const expected = expectedBehaviour(behaviour, s.live.version, id);
  expect(expected.status).toBe('task');
  expect(failure.reason).toContain(expected.text);
  // ML Commons writes the task's FAILED before the model's DEPLOY_FAILED (two documents): on a busy node a read right
  // after the task still says DEPLOYING (seen on a secured 2.19.1 container in CI). Read until it has moved on.
  const settled = await waitForModelState(
    s.client,
    modelId,
    MODEL_STATES.filter((state) => state !== 'DEPLOYING'),
    {
      timeoutMs: DEPLOY_FAILED_WITHIN_MS,
      ...s.live.polling,
    },
  );
  expect(settled.model_state).toBe('DEPLOY_FAILED');
}

/** Slices of the card's zip: `parts` chunks of equal size (the last one shorter), as the upload would cut them. */
function slices(artifact: UploadArtifact, parts: number): Buffer[] {
  const bytes = readFileSync(artifact.path);
  const size = Math.ceil(bytes.byteLength / parts);
  return Array.from({ length: parts }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
}

describe.for(conformanceCards())('upload · $id', (card) => {
  const s = openSuite('upload', card);
  const reference = referenceFor(card);
  const contentType = contentTypeFor(card);
  let groupId = '';
  let modelId = '';

  s.check('upload.register', async () => {
    ({ groupId } = await s.lifecycle.registerGroup());
    const uploaded = await s.lifecycle.upload.registerModel(registerRequestFor(card, { groupId }), {
      afterMeta: async (meta) => {
        // Tracked from the metadata answer on, before a single chunk.
        expect(s.ledger.pending.map((r) => `${r.kind} ${r.id}`)).toContain(`model ${meta.modelId}`);
        const model = await s.client.getModel(meta.modelId);
        expect(model).toMatchObject({
          model_state: 'REGISTERING',
          model_group_id: groupId,
          total_chunks: meta.totalChunks,
          model_content_size_in_bytes: meta.artifact.size,
          model_content_hash_value: card.artifact.sha256,
        });
      },
    });
    modelId = uploaded.modelId;
    expect(uploaded.uploadedBytes).toBe(artifactFor(s).size);
    expect((await s.client.getModel(modelId)).model_state).toBe('REGISTERED');
    console.log(
      `[omlc] upload ${card.id}: ${uploaded.uploadedBytes} bytes in ${uploaded.totalChunks} chunk(s), ${(uploaded.uploadMs / 1000).toFixed(2)} s`,
    );
  });

  s.check(
    'upload.deploy',
    async () => {
      const { task } = await s.lifecycle.deploy(modelId);
      expect(task.state).toBe('COMPLETED');
      expect((await s.client.getModel(modelId)).model_state).toBe('DEPLOYED');
    },
    { after: ['upload.register'] },
  );

  describe.for(card.probes)('probe $id', (probe) => {
    s.check(
      'upload.reference',
      async () => {
        const tensor = sentenceEmbedding(
          await s.lifecycle.predict(modelId, embeddingRequest([probe.text], contentType)),
        );
        expect(tensor).toMatchEmbedding(await reference.embed(probe, contentType), card.expectations.tolerance);
      },
      { after: ['upload.deploy'], variant: probe.id },
    );
  });

  s.check(
    'upload.delete',
    async () => {
      await s.lifecycle.undeploy(modelId);
      await s.lifecycle.deleteModel(modelId);
      expect(await presence(s.client.getModel(modelId)), `model ${modelId}`).toBe('gone');
      expect(await chunkDocumentIds(s.client, modelId), 'chunk documents').toEqual([]);
      await s.lifecycle.deleteGroup(groupId);
      expect(await presence(s.client.getModelGroup(groupId)), `group ${groupId}`).toBe('gone');
    },
    { after: ['upload.deploy'] },
  );
});

describe('upload · mistakes', () => {
  // Any card will do (deploy fails before the model is loaded): the smallest, symmetric if there is one.
  const card = smallestCard(conformanceCards()) ?? conformanceCards()[0];
  if (card === undefined) {
    throw new Error('upload: fixtures/models has no card');
  }
  const s = openSuite('upload-mistakes', card);

  /** Metadata for `chunks` chunks of the card's zip (a tiny zip is cut small on purpose); returns the model id. */
  const meta = async (
    ctx: TestContext,
    chunks: number,
    hash?: string,
  ): Promise<{ modelId: string; artifact: UploadArtifact }> => {
    const artifact = artifactFor(s);
    if (Math.ceil(artifact.size / chunks) > MAX_CHUNK_BYTES) {
      ctx.skip(
        `${card.id}: its zip (${artifact.size} bytes) does not fit ${chunks} chunks of at most ${MAX_CHUNK_BYTES} bytes; select a smaller card too (ML_CARDS)`,
      );
    }
    const { groupId } = await s.lifecycle.registerGroup();
    const request = registerRequestFor(card, { groupId, ...(hash === undefined ? {} : { hash }) });
    const result = await s.lifecycle.upload.registerMeta(request, {
      chunkBytes: Math.ceil(artifact.size / chunks),
    });
    expect(result.totalChunks).toBe(chunks);
    return { modelId: result.modelId, artifact };
  };
  const send = (modelId: string, artifact: UploadArtifact, chunks: number, numbers: number[]): Promise<number> =>
    uploadChunks({ client: s.client, modelId, artifact, chunkBytes: Math.ceil(artifact.size / chunks), numbers });

  s.check('upload.wrong-hash', async () => {
    const { groupId } = await s.lifecycle.registerGroup();
    const request = registerRequestFor(card, { groupId, hash: corruptedHash(card.artifact.sha256) });
    // Every chunk is accepted and the model is REGISTERED: nothing compares the bytes with the hash yet.
    const { modelId } = await s.lifecycle.upload.registerModel(request);
    expect((await s.client.getModel(modelId)).model_state).toBe('REGISTERED');
    await failedDeploy(s, modelId, 'upload-wrong-hash');
    await s.lifecycle.deleteModel(modelId);
    expect(await presence(s.client.getModel(modelId)), `model ${modelId}`).toBe('gone');
  });

  s.check('upload.missing-chunk', async (ctx) => {
    const { modelId, artifact } = await meta(ctx, 3);
    await send(modelId, artifact, 3, [0, 2]);
    // The last chunk marks the model REGISTERED whatever came before it.
    await registered(s, modelId);
    await failedDeploy(s, modelId, 'upload-chunk-missing');
    await s.lifecycle.deleteModel(modelId);
  });

  s.check('upload.chunk-out-of-range', async (ctx) => {
    const { modelId, artifact } = await meta(ctx, 2);
    const [first] = slices(artifact, 2);
    const refused = await outcomeOf(s.client.uploadModelChunk(modelId, 2, first ?? Buffer.alloc(1)));
    expectRefusal(refused, expectedBehaviour('upload-chunk-out-of-range', s.live.version));
    expect((await s.client.getModel(modelId)).model_state).toBe('REGISTERING');
    await s.lifecycle.deleteModel(modelId);
  });

  s.check('upload.count-mismatch', async (ctx) => {
    const { modelId, artifact } = await meta(ctx, 3);
    // The whole zip, but in two chunks where the metadata announced three.
    const halves = slices(artifact, 2);
    for (const [n, half] of halves.entries()) {
      await s.client.uploadModelChunk(modelId, n, half);
    }
    expect((await s.client.getModel(modelId)).model_state).toBe('REGISTERING');
    await failedDeploy(s, modelId, 'upload-last-chunk-missing', `${modelId}_2`);
    await s.lifecycle.deleteModel(modelId);
  });

  s.check('upload.deploy-before-last-chunk', async (ctx) => {
    const { modelId, artifact } = await meta(ctx, 3);
    await send(modelId, artifact, 3, [0]);
    await failedDeploy(s, modelId, 'upload-chunk-missing');
    // Finishing the upload afterwards still registers the model (the last chunk rewrites its state).
    await send(modelId, artifact, 3, [1, 2]);
    await registered(s, modelId);
    await s.lifecycle.deleteModel(modelId);
  });

  s.check('upload.nothing-left', async (ctx) => {
    const { modelId, artifact } = await meta(ctx, 3);
    await send(modelId, artifact, 3, [0, 1]);
    expect(await chunkDocumentIds(s.client, modelId), 'chunks before the delete').toHaveLength(2);
    const groupId = (await s.client.getModel(modelId)).model_group_id ?? '';
    // Deleting waits until the chunk documents are gone from the index (ML Commons removes them lazily).
    await s.lifecycle.deleteModel(modelId);
    expect(await presence(s.client.getModel(modelId)), `model ${modelId}`).toBe('gone');
    expect(await chunkDocumentIds(s.client, modelId), 'chunk documents').toEqual([]);
    await s.lifecycle.deleteGroup(groupId);
    expect(await presence(s.client.getModelGroup(groupId)), `group ${groupId}`).toBe('gone');
  });

  s.check('upload.local-file-disabled', async () => {
    const { groupId } = await s.lifecycle.registerGroup();
    const restore = await overrideClusterSettings(s.client, s.ledger, {
      'plugins.ml_commons.allow_registering_model_via_local_file': false,
    });
    const metaRefused = await outcomeOf(s.lifecycle.upload.registerMeta(registerRequestFor(card, { groupId })));
    const chunkRefused = await outcomeOf(s.client.uploadModelChunk('omlcUnknownId0000000', 0, Buffer.alloc(1)));
    await restore();
    expectRefusal(metaRefused, expectedBehaviour('local-file-registration-disabled', s.live.version));
    expectRefusal(chunkRefused, expectedBehaviour('local-file-upload-disabled', s.live.version));
  });
});
