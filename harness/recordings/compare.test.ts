import { describe, expect, it } from 'vitest';
import { compareExchange, VECTOR_TOLERANCE } from './compare.ts';
import type { Exchange } from './exchange.ts';
import { readRecordings } from './recording-file.ts';

const exchange = (body: unknown, overrides: Partial<Exchange> = {}): Exchange => ({
  step: 'step',
  method: 'GET',
  path: '/_plugins/_ml/models/{model:x}',
  status: 200,
  body,
  ...overrides,
});

const diff = (recorded: unknown, simulated: unknown): string[] =>
  compareExchange(exchange(recorded), exchange(simulated));

const predictBody = (data: unknown) => ({
  inference_results: [{ output: [{ name: 'sentence_embedding', data_type: 'FLOAT32', shape: [4], data }] }],
});
const DATA = 'inference_results[0].output[0].data';
const unit = [0.5, 0.5, 0.5, 0.5];

describe('compareExchange', () => {
  it('finds nothing between equal exchanges', () => {
    const body = { model_state: 'DEPLOYED', total_chunks: 1, planning_worker_nodes: ['{node}'], is_hidden: false };
    expect(diff(body, structuredClone(body))).toEqual([]);
  });

  it('reports a missing step, another request and another status', () => {
    expect(compareExchange(exchange({}), undefined)).toEqual(['step step: the simulator run produced no such step']);
    expect(compareExchange(exchange({}), exchange({}, { method: 'POST' }))).toEqual([
      'request: recorded GET /_plugins/_ml/models/{model:x}, simulated POST /_plugins/_ml/models/{model:x}',
    ]);
    expect(compareExchange(exchange({}), exchange({}, { path: '/other' }))).toEqual([
      'request: recorded GET /_plugins/_ml/models/{model:x}, simulated GET /other',
    ]);
    expect(compareExchange(exchange({}), exchange({}, { status: 500 }))).toEqual([
      'status: recorded 200, simulated 500',
    ]);
  });

  it('compares every string, nested ones included', () => {
    expect(diff({ model_state: 'DEPLOYED' }, { model_state: 'DEPLOYING' })).toEqual([
      'model_state: recorded "DEPLOYED", simulated "DEPLOYING"',
    ]);
    expect(diff({ error: { reason: 'Fail to find model' } }, { error: { reason: 'Failed to find model' } })).toEqual([
      'error.reason: recorded "Fail to find model", simulated "Failed to find model"',
    ]);
    expect(diff({ a: ['x', 'y'] }, { a: ['x', 'z'] })).toEqual(['a[1]: recorded "y", simulated "z"']);
  });

  it("ignores only the cluster's identity strings at the top of GET /", () => {
    const root = (suffix: string) => ({
      cluster_name: `c${suffix}`,
      cluster_uuid: `u${suffix}`,
      name: `n${suffix}`,
      tagline: 'The OpenSearch Project: https://opensearch.org/',
      version: { build_date: `d${suffix}`, build_hash: `h${suffix}`, build_type: `t${suffix}`, number: '3.6.0' },
    });
    expect(diff(root('1'), root('2'))).toEqual([]);
    expect(diff({ ...root('1'), tagline: 'x' }, root('1'))).toEqual([
      'tagline: recorded "x", simulated "The OpenSearch Project: https://opensearch.org/"',
    ]);
    expect(diff(root('1'), { ...root('1'), version: { ...root('1').version, number: '3.5.0' } })).toEqual([
      'version.number: recorded "3.6.0", simulated "3.5.0"',
    ]);
    // `name` is volatile at the top level only: a model's name elsewhere must match.
    expect(diff({ model: { name: '{name:a}' } }, { model: { name: '{name:b}' } })).toEqual([
      'model.name: recorded "{name:a}", simulated "{name:b}"',
    ]);
  });

  it('compares numbers exactly, except document sequence numbers', () => {
    expect(diff({ model_content_size_in_bytes: 55207 }, { model_content_size_in_bytes: 55207 * 7 + 13 })).toEqual([
      'model_content_size_in_bytes: recorded 55207, simulated 386462',
    ]);
    expect(diff({ status: 409 }, { status: 500 })).toEqual(['status: recorded 409, simulated 500']);
    expect(diff({ shape: [32] }, { shape: [33] })).toEqual(['shape[0]: recorded 32, simulated 33']);
    expect(diff({ _shards: { total: 1 } }, { _shards: { total: 2 } })).toEqual([
      '_shards.total: recorded 1, simulated 2',
    ]);
    expect(diff({ _seq_no: 7, _primary_term: 1, _version: 7 }, { _seq_no: 6, _primary_term: 2, _version: 6 })).toEqual(
      [],
    );
    expect(diff({ n: { _seq_no: 7 } }, { n: { _seq_no: 6 } })).toEqual([]);
    expect(diff({ my_seq_no: 7 }, { my_seq_no: 6 })).toEqual(['my_seq_no: recorded 7, simulated 6']);
    expect(diff({ took: 759, ingest_took: 2599 }, { took: 1, ingest_took: 1 })).toEqual([]);
    expect(diff({ hits: { took: 7 } }, { hits: { took: 6 } })).toEqual(['hits.took: recorded 7, simulated 6']);
  });

  it('compares k-NN scores to float32 precision, and stored vectors as vectors', () => {
    expect(diff({ hits: { max_score: 0.84627694 } }, { hits: { max_score: 0.8462768793106079 } })).toEqual([]);
    expect(diff({ _score: 0.84627694 }, { _score: 0.8463 })).toEqual([
      '_score: recorded 0.84627694, simulated 0.8463 (beyond 0.000001 relative)',
    ]);
    expect(diff({ _source: { embedding: [0.6, 0.8] } }, { _source: { embedding: [0.6000001, 0.7999999] } })).toEqual(
      [],
    );
    expect(diff({ _source: { embedding: [0.6, 0.8] } }, { _source: { embedding: [0.8, 0.6] } })).toHaveLength(1);
  });

  it('reports another kind of value, other booleans and null', () => {
    expect(diff({ n: 1 }, { n: '1' })).toEqual(['n: recorded number 1, simulated string "1"']);
    expect(diff({ n: null }, { n: {} })).toEqual(['n: recorded null null, simulated object {}']);
    expect(diff({ n: [] }, { n: {} })).toEqual(['n: recorded array [], simulated object {}']);
    expect(diff({ b: true }, { b: false })).toEqual(['b: recorded true, simulated false']);
    expect(diff({ n: null }, { n: null })).toEqual([]);
    expect(diff('x', 'y')).toEqual(['(body): recorded "x", simulated "y"']);
  });

  it('reports keys on one side only and arrays of another length', () => {
    expect(diff({ a: 1, b: 2 }, { a: 1, c: 2 })).toEqual([
      'b: recorded, missing in the simulator',
      'c: simulated, absent in the recording',
    ]);
    expect(diff({ a: [1, 2] }, { a: [1] })).toEqual(['a: recorded 2 items, simulated 1']);
  });

  describe('embedding vectors', () => {
    it(`accept the same direction and norm (cosine ≥ ${VECTOR_TOLERANCE.minCosine})`, () => {
      const close = unit.map((v, i) => v + (i % 2 === 0 ? 1e-6 : -1e-6));
      expect(diff(predictBody(unit), predictBody(close))).toEqual([]);
    });

    it('report another direction', () => {
      const rotated = [0.5, 0.5, 0.5, -0.5];
      expect(diff(predictBody(unit), predictBody(rotated))).toEqual([
        `${DATA}: cosine(recorded, simulated) = 0.5, below ${VECTOR_TOLERANCE.minCosine}`,
      ]);
      // Just outside the bound: about 1.4 % of the norm moved sideways.
      const tilted = [0.5, 0.5, 0.5 + 0.02, 0.5 - 0.02];
      expect(diff(predictBody(unit), predictBody(tilted))[0]).toMatch(/^inference_results\[0\].*cosine/);
    });

    it('report another norm (an unnormalized vector points the same way)', () => {
      expect(diff(predictBody(unit), predictBody(unit.map((v) => v * 2)))).toEqual([
        `${DATA}: L2 norm recorded 1, simulated 2`,
      ]);
      expect(diff(predictBody(unit), predictBody(unit.map((v) => v * 1.0005)))).toEqual([]);
      expect(diff(predictBody(unit), predictBody(unit.map((v) => v * 1.002)))).toHaveLength(1);
    });

    it('report NaN and another length', () => {
      expect(diff(predictBody(unit), predictBody([0.5, 0.5, 0.5, Number.NaN]))).toEqual([
        `${DATA}: cosine(recorded, simulated) = NaN, below ${VECTOR_TOLERANCE.minCosine}`,
        `${DATA}: L2 norm recorded 1, simulated NaN`,
      ]);
      expect(diff(predictBody(unit), predictBody([0.5, 0.5, 0.5]))).toEqual([
        `${DATA}: recorded 4 values, simulated 3`,
      ]);
    });

    it('compare only the length against an older recording that kept no values', () => {
      expect(diff(predictBody('<float[4]>'), predictBody(unit))).toEqual([]);
      expect(diff(predictBody('<float[5]>'), predictBody(unit))).toEqual([`${DATA}: recorded 5 values, simulated 4`]);
      expect(diff(predictBody('<float[4]>'), predictBody('x'))).toEqual([
        `${DATA}: recorded "<float[4]>", simulated "x"`,
      ]);
    });

    it('compare number arrays outside `data` element by element', () => {
      expect(diff({ data: [1, 2] }, { data: [1, 3] })).toEqual(['data[1]: recorded 2, simulated 3']);
      expect(diff({ shape: [1, 2] }, { shape: [1, 3] })).toEqual(['shape[1]: recorded 2, simulated 3']);
    });
  });

  it('finds the size*7+13 simulator in the real recordings', () => {
    for (const recording of readRecordings()) {
      const recorded = recording.exchanges.find((e) => e.step === 'onnx-sym:get-deployed');
      expect(recorded, `${recording.version} has onnx-sym:get-deployed`).toBeDefined();
      if (recorded === undefined) {
        continue;
      }
      const body = recorded.body as { model_content_size_in_bytes: number };
      const wrong = { ...body, model_content_size_in_bytes: body.model_content_size_in_bytes * 7 + 13 };
      expect(compareExchange(recorded, recorded)).toEqual([]);
      expect(compareExchange(recorded, { ...recorded, body: wrong })).toHaveLength(1);
    }
  });
});
