import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../artifact/sha256.ts';
import { buildGoldens, createGoldenBackend } from '../inference/golden-backend.ts';
import type { InferenceBackend } from '../inference/backend.ts';
import { PROFILES, type Profile, type ProfileId } from '../profiles/index.ts';
import { createSimulator } from '../simulator.ts';
import { testClient } from '../test-support/client.ts';
import { createFakeBackend, fakeVector, type FakeBackend } from '../test-support/fake-backend.ts';
import { at, nums } from '../test-support/json.ts';
import { allowDevRegistration, ASYMMETRIC_CONFIG, deployedModel, SYMMETRIC_CONFIG } from '../test-support/lifecycle.ts';
import { useMswServer } from '../test-support/msw.ts';
import { modelZip } from '../test-support/zips.ts';

const BASE = 'http://127.0.0.1:9200';
const URL = 'http://127.0.0.1:1/model.zip';
const msw = useMswServer();

async function deployed(
  profile: ProfileId | Profile,
  config: Record<string, unknown>,
  options: { format?: 'ONNX' | 'TORCH_SCRIPT'; backend?: InferenceBackend } = {},
) {
  const format = options.format ?? 'ONNX';
  const zip = modelZip(format);
  const backend = options.backend ?? createFakeBackend();
  const sim = createSimulator({
    profile,
    baseUrl: BASE,
    inference: backend,
    fetchArtifact: () => Promise.resolve(zip),
  });
  msw.install(sim);
  const client = testClient(BASE);
  await allowDevRegistration(client);
  const modelId = await deployedModel(client, { url: URL, zip, config, format });
  const predict = (body: unknown, path = `/_plugins/_ml/_predict/text_embedding/${modelId}`) => client.post(path, body);
  return { sim, client, modelId, predict, backend, zip };
}

const reason = (body: unknown): unknown => at(body, 'error', 'reason');
/** The asymmetric texts are the IllegalArgumentException inside the MLException: `caused_by`, not `root_cause`. */
const cause = (body: unknown): unknown => at(body, 'error', 'caused_by', 'reason');
const ASYMMETRIC_TEXT =
  'The embedding model chosen is asymmetric. To use it, you must declare whether the input is of type `QUERY` or of type `PASSAGE`.';
const SYMMETRIC_TEXT =
  'When passing AsymmetricTextEmbeddingParameters, the model requires to be registered with at least one of `query_prefix` or `passage_prefix`.';

describe('asymmetric handling per profile', () => {
  it.for(['2.14-2.18', '2.19', '3.x'] as const)('%s applies prefixes by content_type', async (profile) => {
    const { predict, backend } = await deployed(profile, ASYMMETRIC_CONFIG);
    const fake = backend as FakeBackend;
    const query = await predict({ text_docs: ['t'], parameters: { content_type: 'query' } });
    const passage = await predict({ text_docs: ['t'], parameters: { content_type: 'PASSAGE' } });
    const defaulted = await predict({ text_docs: ['t'], parameters: {} });
    expect(fake.calls.map((call) => [call.texts, call.sourceTexts, call.contentType])).toEqual([
      [['query: t'], ['t'], 'QUERY'],
      [['passage: t'], ['t'], 'PASSAGE'],
      [['query: t'], ['t'], 'QUERY'],
    ]);
    expect(nums(query.body, 'inference_results', 0, 'output', 0, 'data')).not.toEqual(
      nums(passage.body, 'inference_results', 0, 'output', 0, 'data'),
    );
    expect(defaulted.body).toEqual(query.body);

    const missing = await predict({ text_docs: ['t'] });
    expect(missing.status).toBe(500);
    expect(cause(missing.body)).toBe(ASYMMETRIC_TEXT);
    const invalid = await predict({ text_docs: ['t'], parameters: { content_type: 'document' } });
    expect(invalid.status).toBe(400);
    expect(reason(invalid.body)).toMatch(/EmbeddingContentType\.DOCUMENT$/);
  });

  it('2.13 stores prefixes but drops parameters, so an asymmetric model always gets the asymmetric error', async () => {
    const { predict, modelId } = await deployed('2.11-2.13', ASYMMETRIC_CONFIG);
    for (const body of [{ text_docs: ['t'] }, { text_docs: ['t'], parameters: { content_type: 'query' } }]) {
      const response = await predict(body);
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        error: {
          // As recorded on 2.19.6 / 3.6.0 (onnx-asym:predict-no-content-type): root_cause is the MLException.
          root_cause: [{ type: 'm_l_exception', reason: `Failed to inference TEXT_EMBEDDING model: ${modelId}` }],
          type: 'm_l_exception',
          reason: `Failed to inference TEXT_EMBEDDING model: ${modelId}`,
          caused_by: { type: 'illegal_argument_exception', reason: ASYMMETRIC_TEXT },
        },
        status: 500,
      });
    }
  });

  it('2.13 ignores content_type on a symmetric model; 2.14+ refuses it', async () => {
    const old = await deployed('2.11-2.13', SYMMETRIC_CONFIG);
    expect((await old.predict({ text_docs: ['t'], parameters: { content_type: 'query' } })).status).toBe(200);
    const current = await deployed('2.19', SYMMETRIC_CONFIG);
    const refused = await current.predict({ text_docs: ['t'], parameters: { content_type: 'query' } });
    expect(refused.status).toBe(500);
    expect(cause(refused.body)).toBe(SYMMETRIC_TEXT);
  });

  it('a ≤2.12 profile (prefixes not parsed) treats the asymmetric card as symmetric', async () => {
    const base = PROFILES['2.11-2.13'];
    const v212: Profile = { ...base, features: { ...base.features, parsesPrefixes: false } };
    const { predict, sim, modelId, backend } = await deployed(v212, ASYMMETRIC_CONFIG);
    expect(sim.state.models.get(modelId)?.doc.model_config.query_prefix).toBeUndefined();
    expect((await predict({ text_docs: ['t'] })).status).toBe(200);
    expect((backend as FakeBackend).calls[0]?.texts).toEqual(['t']);
  });
});

describe('predict request handling', () => {
  it('one inference_results entry per doc, float32 values, both paths equal', async () => {
    const { predict, modelId } = await deployed('3.x', SYMMETRIC_CONFIG);
    const body = { text_docs: ['a', 'b', 'c'], target_response: ['sentence_embedding'] };
    const first = await predict(body);
    expect(at(first.body, 'inference_results')).toHaveLength(3);
    const data = nums(first.body, 'inference_results', 2, 'output', 0, 'data');
    expect(data).toEqual(fakeVector('c', 8).map((value) => Math.fround(value)));
    expect((await predict(body, `/_plugins/_ml/models/${modelId}/_predict`)).body).toEqual(first.body);
  });

  it('an unknown target_response name yields an entry without "output"; return_number:false omits data', async () => {
    const { predict } = await deployed('3.x', SYMMETRIC_CONFIG);
    const filtered = await predict({ text_docs: ['a', 'b'], target_response: ['token_embeddings'] });
    // Recorded on 2.19.6 and 3.6.0 (onnx-sym:predict-unknown-target): no `output` key at all.
    expect(filtered.body).toEqual({ inference_results: [{}, {}] });
    const noNumbers = await predict({ text_docs: ['a'], return_number: false });
    expect(at(noNumbers.body, 'inference_results', 0, 'output', 0)).toEqual({
      name: 'sentence_embedding',
      data_type: 'FLOAT32',
      shape: [8],
    });
  });

  it('empty text_docs is a 400; the algorithm path parses the body before looking the model up', async () => {
    const { predict } = await deployed('3.x', SYMMETRIC_CONFIG);
    const empty = await predict({ text_docs: [] });
    expect([empty.status, reason(empty.body)]).toEqual([400, 'Empty text docs']);
    const unknownAlgo = await predict({ text_docs: [] }, '/_plugins/_ml/_predict/text_embedding/nope');
    expect([unknownAlgo.status, reason(unknownAlgo.body)]).toEqual([400, 'Empty text docs']);
    const unknownModel = await predict({ text_docs: [] }, '/_plugins/_ml/models/nope/_predict');
    expect([unknownModel.status, reason(unknownModel.body)]).toEqual([
      404,
      'Failed to find model with the provided model id: nope',
    ]);
  });

  it.for([
    ['2.11-2.13', 'Model not ready yet. Please run this first: POST /_plugins/_ml/models/{id}/_deploy'],
    ['2.14-2.18', 'Model not ready yet. Please deploy the model first.'],
    ['3.x', 'Model not ready yet. Please deploy the model first.'],
  ] as const)('%s: predict after undeploy answers %j', async ([profile, text]) => {
    const { predict, client, modelId, sim } = await deployed(profile, SYMMETRIC_CONFIG);
    await client.post(`/_plugins/_ml/models/${modelId}/_undeploy`);
    await sim.settle();
    const response = await predict({ text_docs: ['a'] });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        root_cause: [{ type: 'illegal_argument_exception', reason: text.replace('{id}', modelId) }],
        type: 'illegal_argument_exception',
        reason: text.replace('{id}', modelId),
      },
      status: 400,
    });
  });

  it('refuses what it cannot answer honestly with "not supported by the simulator"', async () => {
    const torch = await deployed('3.x', SYMMETRIC_CONFIG, { format: 'TORCH_SCRIPT' });
    const all = await torch.predict({ text_docs: ['a'] });
    expect(all.status).toBe(400);
    expect(reason(all.body)).toMatch(/^not supported by the simulator: TorchScript sentence_transformers/);
    const bytes = await torch.predict({ text_docs: ['a'], return_bytes: true });
    expect(reason(bytes.body)).toBe('not supported by the simulator: return_bytes (byte_buffer tensors)');
  });
});

describe('golden backend through the simulator', () => {
  it('answers the card probes of a TorchScript model and refuses any other text', async () => {
    const zip = modelZip('TORCH_SCRIPT');
    const vector = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
    const goldens = buildGoldens([
      {
        sha256: sha256Hex(zip),
        label: 'tiny-torch',
        probes: [{ id: 'short', text: 'the water is very long' }],
        embeddings: { plain: { short: vector } },
      },
    ]);
    const { predict } = await deployed('3.x', SYMMETRIC_CONFIG, {
      format: 'TORCH_SCRIPT',
      backend: createGoldenBackend(goldens),
    });
    const hit = await predict({ text_docs: ['the water is very long'], target_response: ['sentence_embedding'] });
    expect(nums(hit.body, 'inference_results', 0, 'output', 0, 'data')).toEqual(vector.map((v) => Math.fround(v)));
    const miss = await predict({ text_docs: ['something else'], target_response: ['sentence_embedding'] });
    expect(miss.status).toBe(400);
    expect(reason(miss.body)).toMatch(/^not supported by the simulator: no golden plain vector of card tiny-torch/);
  });
});
