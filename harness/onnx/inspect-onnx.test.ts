import { afterAll, describe, expect, it } from 'vitest';
import { loadCards } from '../models/load-cards.ts';
import { loadNegativeCases } from '../models/load-negative-cases.ts';
import type { ModelCard } from '../models/model-card.ts';
import { crossCheckCard } from './cross-check-card.ts';
import { inspectOnnx, type OnnxInspection } from './inspect-onnx.ts';
import { listZipEntries } from '../artifacts/zip-entries.ts';

const onnxCards = loadCards().filter(
  (card) => card.format === 'ONNX' && card.artifact.kind === 'file' && card.unavailable === undefined,
);
const inspections = new Map<string, Promise<OnnxInspection>>();

function inspect(card: ModelCard): Promise<OnnxInspection> {
  const path = card.artifact.kind === 'file' ? card.artifact.path : '';
  let inspection = inspections.get(path);
  if (!inspection) {
    inspection = inspectOnnx(path);
    inspections.set(path, inspection);
  }
  return inspection;
}

afterAll(() => inspections.clear());

describe.for(onnxCards.map((card) => [card.id, card] as const))('ONNX card %s', ([, card]) => {
  it('has the inputs ML Commons sends and an output of the declared dimension', async () => {
    const inspection = await inspect(card);
    expect(inspection.inputs.map((input) => input.name)).toEqual(
      expect.arrayContaining(['input_ids', 'attention_mask']),
    );
    expect(inspection.outputDims[0]?.at(-1)).toBe(card.modelConfig.embedding_dimension);
    expect(crossCheckCard(card, inspection)).toEqual([]);
  });

  it('catches a wrong declared embedding_dimension', async () => {
    const inspection = await inspect(card);
    const wrong = { modelConfig: { ...card.modelConfig, embedding_dimension: 768 } };
    const dims = inspection.outputDims[0] ?? [];
    expect(crossCheckCard(wrong, inspection)).toEqual([
      {
        code: 'dimension-mismatch',
        message:
          `model_config.embedding_dimension is 768 but output 0 (${inspection.outputs[0]?.name}) has dimension ` +
          `${card.modelConfig.embedding_dimension} (shape [${dims.join(', ')}])`,
      },
    ]);
  });

  it('catches a model_type that makes ML Commons send the wrong inputs', async () => {
    const inspection = await inspect(card);
    const hasTypeIds = inspection.inputs.some((input) => input.name === 'token_type_ids');
    const flipped = { modelConfig: { ...card.modelConfig, model_type: hasTypeIds ? 'roberta' : 'albert' } };
    const findings = crossCheckCard(flipped, inspection);
    expect(findings.map((finding) => finding.code)).toEqual(['token-type-ids-mismatch']);
    expect(findings[0]?.message).toContain(hasTypeIds ? 'requires token_type_ids' : 'has no such input');
  });
});

describe('inspectOnnx', () => {
  const negatives = loadNegativeCases().map((entry) => {
    const onnxEntries = listZipEntries(entry.artifact.path).filter(({ name }) => name.endsWith('.onnx')).length;
    return [entry.id, entry.artifact.path, onnxEntries] as const;
  });

  it.for(negatives.filter(([, , count]) => count === 1))(
    'inspects the model of negative artifact %s (its other defects do not matter)',
    async ([, path]) => {
      expect((await inspectOnnx(path)).inputs.length).toBeGreaterThan(0);
    },
  );

  it.for(negatives.filter(([, , count]) => count !== 1))(
    'refuses to guess which model to inspect in %s',
    async ([, path, count]) => {
      await expect(inspectOnnx(path)).rejects.toThrowError(`expected exactly one .onnx entry, found ${count}`);
    },
  );

  it.runIf(onnxCards.length > 0)('resolves symbolic output dims with a dummy [1, 4] run', async () => {
    const [card] = onnxCards;
    const inspection = await inspect(card as ModelCard);
    if (inspection.probed) {
      expect(inspection.outputDims[0]?.slice(0, -1)).toEqual(inspection.outputDims[0]?.length === 3 ? [1, 4] : [4]);
    } else {
      expect(inspection.outputDims[0]).toEqual(inspection.outputs[0]?.declaredDims);
    }
  });
});
