import { describe, expect, it } from 'vitest';
import type { PredictRequest } from '../ml/request-types.ts';
import { loadCards } from '../models/load-cards.ts';
import { recordCard } from './record-card.ts';

const cards = loadCards('fixtures/models', { only: ['tiny-onnx-asym', 'tiny-onnx-sym'] });

function fixture(id: string): (typeof cards)[number] {
  const found = cards.find((c) => c.id === id);
  if (found === undefined) {
    throw new Error(`fixture card ${id} missing`);
  }
  return found;
}

function fakePredict(calls: PredictRequest[]) {
  return (_modelId: string, request: PredictRequest) => {
    calls.push(request);
    const text = request.text_docs[0] ?? '';
    const data = [text.length, request.parameters?.content_type === 'passage' ? 1 : 0];
    return Promise.resolve({
      inference_results: [{ output: [{ name: 'sentence_embedding', data_type: 'FLOAT32', shape: [2], data }] }],
    });
  };
}

describe('recordCard', () => {
  it('predicts every probe once per content type and keeps dtype, shape and vector', async () => {
    const asym = fixture('tiny-onnx-asym');
    const calls: PredictRequest[] = [];
    let clock = 0;
    const recorded = await recordCard({
      card: asym,
      modelId: 'm',
      predict: fakePredict(calls),
      registerMs: 1234.4,
      deployMs: 99.6,
      now: () => (clock += 5),
    });
    expect(calls.map((c) => c.parameters?.content_type)).toEqual(asym.probes.flatMap(() => ['query', 'passage']));
    expect(recorded.embeddings).toHaveLength(asym.probes.length * 2);
    expect(recorded.embeddings[1]).toEqual({
      probe: asym.probes[0]?.id,
      contentType: 'passage',
      dtype: 'FLOAT32',
      shape: [2],
      vector: [asym.probes[0]?.text.length, 1],
    });
    expect(recorded).toMatchObject({ id: 'tiny-onnx-asym', format: 'ONNX', sha256: asym.artifact.sha256 });
    expect(recorded.modelConfig).toEqual(asym.modelConfig);
    expect(recorded.timings).toEqual({ registerMs: 1234, deployMs: 100, predictMs: 5 });
  });

  it('sends no content type for a symmetric card', async () => {
    const sym = fixture('tiny-onnx-sym');
    const calls: PredictRequest[] = [];
    const recorded = await recordCard({ card: sym, modelId: 'm', predict: fakePredict(calls) });
    expect(calls.every((c) => c.parameters === undefined)).toBe(true);
    expect(new Set(recorded.embeddings.map((e) => e.contentType))).toEqual(new Set(['plain']));
    expect(recorded.timings.registerMs).toBeUndefined();
  });
});
