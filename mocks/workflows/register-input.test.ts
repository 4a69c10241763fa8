import { describe, expect, it } from 'vitest';
import type { ProfileId } from '../profiles/index.ts';
import { createSimulator } from '../simulator.ts';
import { testClient } from '../test-support/client.ts';
import { createFakeBackend } from '../test-support/fake-backend.ts';
import { at, str } from '../test-support/json.ts';
import { allowDevRegistration, registerAndWait, registerBody } from '../test-support/lifecycle.ts';
import { useMswServer } from '../test-support/msw.ts';
import { modelZip } from '../test-support/zips.ts';

const BASE = 'http://127.0.0.1:9200';
const msw = useMswServer();

function setup(profile: ProfileId = '3.x') {
  const zip = modelZip('ONNX');
  const sim = createSimulator({
    profile,
    baseUrl: BASE,
    inference: createFakeBackend(),
    fetchArtifact: () => Promise.resolve(zip),
  });
  msw.install(sim);
  return { sim, client: testClient(BASE), zip };
}

const publish = (): string => 'http://127.0.0.1:1/model.zip';
const reason = (body: unknown): unknown => at(body, 'error', 'reason');

describe('register body validation (ML Commons parse order)', () => {
  const url = 'http://127.0.0.1:1/x.zip';
  const cases: [string, Record<string, unknown>, string][] = [
    ['missing name', { name: undefined }, 'model name is null'],
    ['missing format', { model_format: undefined }, 'model format is null'],
    ['missing config', { model_config: undefined }, 'model config is null'],
    [
      'missing model_type',
      { model_config: { embedding_dimension: 8, framework_type: 'sentence_transformers' } },
      'model type is null',
    ],
    [
      'missing dimension',
      { model_config: { model_type: 'bert', framework_type: 'sentence_transformers' } },
      'embedding dimension is null',
    ],
    ['missing framework', { model_config: { model_type: 'bert', embedding_dimension: 8 } }, 'framework type is null'],
    [
      'bad framework',
      { model_config: { model_type: 'bert', embedding_dimension: 8, framework_type: 'x' } },
      'Wrong framework type',
    ],
    [
      'bad pooling',
      {
        model_config: {
          model_type: 'bert',
          embedding_dimension: 8,
          framework_type: 'sentence_transformers',
          pooling_mode: 'sum',
        },
      },
      'Wrong pooling method',
    ],
    [
      'access parameters',
      { access_mode: 'public' },
      'You cannot specify model access control parameters because the Security plugin or model access control is disabled on your cluster.',
    ],
  ];
  it.for(cases)('%s → 400 %j', async ([, patch, text]) => {
    const { client } = setup();
    await allowDevRegistration(client);
    const body = { ...registerBody({ url, hash: '0'.repeat(64) }), ...patch };
    const response = await client.post('/_plugins/_ml/models/_register', JSON.parse(JSON.stringify(body)));
    expect(response.status).toBe(400);
    expect(reason(response.body)).toBe(text);
  });

  it('pooling_mode none only exists on 3.x (3.6+)', async () => {
    const config = {
      model_type: 'bert',
      embedding_dimension: 8,
      framework_type: 'sentence_transformers',
      pooling_mode: 'none',
    };
    for (const [profile, status] of [
      ['2.19', 400],
      ['3.x', 200],
    ] as const) {
      const { client } = setup(profile);
      await allowDevRegistration(client);
      const response = await client.post('/_plugins/_ml/models/_register', registerBody({ url, hash: 'x', config }));
      expect(response.status).toBe(status);
    }
  });

  it('stores prefixes from 2.13 on, upper-cases enums and drops unknown model_config keys', async () => {
    const { sim, client, zip } = setup('2.11-2.13');
    await allowDevRegistration(client);
    const config = {
      model_type: 'bert',
      embedding_dimension: 8,
      framework_type: 'Sentence_Transformers',
      pooling_mode: 'cls',
      query_prefix: 'q: ',
      unknown_key: 1,
    };
    const task = await registerAndWait(client, { url: publish(), zip, config });
    expect(sim.state.models.get(str(task, 'model_id'))?.doc.model_config).toEqual({
      model_type: 'bert',
      embedding_dimension: 8,
      framework_type: 'SENTENCE_TRANSFORMERS',
      pooling_mode: 'CLS',
      normalize_result: false,
      query_prefix: 'q: ',
    });
  });
});
