/**
 * crossCheckCard on synthetic inspections: which card/model disagreements it reports, and with which text.
 */
import { describe, expect, it } from 'vitest';
import { crossCheckCard, type CrossCheckSubject } from './cross-check-card.ts';
import type { OnnxInspection } from './inspect-onnx.ts';

const BERT_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'];

function inspection(inputs: readonly string[], outputs: Readonly<Record<string, readonly number[]>>): OnnxInspection {
  return {
    modelEntry: 'model.onnx',
    inputs: inputs.map((name) => ({ name, type: 'int64', declaredDims: ['batch', 'seq'] })),
    outputs: Object.keys(outputs).map((name) => ({ name, type: 'float32', declaredDims: [] })),
    outputDims: Object.values(outputs),
    probed: true,
  };
}

function card(modelConfig: Partial<CrossCheckSubject['modelConfig']>): CrossCheckSubject {
  return { modelConfig: { embedding_dimension: 32, model_type: 'bert', pooling_mode: 'mean', ...modelConfig } };
}

describe('crossCheckCard inputs', () => {
  it('accepts a model that takes exactly what ML Commons sends', () => {
    expect(crossCheckCard(card({}), inspection(BERT_INPUTS, { hidden: [1, 4, 32] }))).toEqual([]);
    expect(
      crossCheckCard(card({ model_type: 'roberta' }), inspection(['input_ids', 'attention_mask'], { h: [4, 32] })),
    ).toEqual([]);
  });

  it('reports each input ML Commons always sends but the model lacks', () => {
    const findings = crossCheckCard(
      card({ model_type: 'roberta' }),
      inspection(['ids', 'mask'], { hidden: [1, 4, 32] }),
    );
    expect(findings).toEqual([
      {
        code: 'missing-input',
        message: 'the model has no input "input_ids" (inputs: ids, mask); ML Commons always sends it',
      },
      {
        code: 'missing-input',
        message: 'the model has no input "attention_mask" (inputs: ids, mask); ML Commons always sends it',
      },
      { code: 'unexpected-input', message: 'the model requires input "ids", which ML Commons never sends' },
      { code: 'unexpected-input', message: 'the model requires input "mask", which ML Commons never sends' },
    ]);
  });

  it('reports token_type_ids sent for bert or albert (any case) to a model without that input', () => {
    for (const modelType of ['bert', 'ALBERT']) {
      const findings = crossCheckCard(card({ model_type: modelType }), inspection(BERT_INPUTS.slice(0, 2), {}));
      expect(findings[0]).toEqual({
        code: 'token-type-ids-mismatch',
        message: `model_type "${modelType}" makes ML Commons send token_type_ids, but the model has no such input`,
      });
    }
  });

  it('reports a model that needs token_type_ids when the model_type does not send them', () => {
    const model = inspection(BERT_INPUTS, { hidden: [1, 4, 32] });
    expect(crossCheckCard(card({ model_type: 'distilbert' }), model)).toEqual([
      {
        code: 'token-type-ids-mismatch',
        message:
          'the model requires token_type_ids, which ML Commons sends only for model_type bert or albert (card: "distilbert")',
      },
    ]);
    expect(crossCheckCard(card({ model_type: undefined }), model)[0]?.message).toContain('(card: null)');
  });

  it('reports inputs ML Commons never sends, after the missing ones', () => {
    const findings = crossCheckCard(card({}), inspection([...BERT_INPUTS, 'position_ids'], { h: [1, 4, 32] }));
    expect(findings).toEqual([
      { code: 'unexpected-input', message: 'the model requires input "position_ids", which ML Commons never sends' },
    ]);
  });
});

describe('crossCheckCard output', () => {
  it('reports a model without outputs', () => {
    expect(crossCheckCard(card({}), inspection(BERT_INPUTS, {}))).toEqual([
      { code: 'output-shape', message: 'the model has no outputs' },
    ]);
  });

  it('accepts only rank 2 and rank 3 outputs', () => {
    for (const dims of [[32], [1, 1, 4, 32]]) {
      expect(crossCheckCard(card({}), inspection(BERT_INPUTS, { out: dims }))).toEqual([
        {
          code: 'output-shape',
          message: `output 0 (out) has shape [${dims.join(', ')}]; ML Commons expects [1, seq, dim] or [seq, dim]`,
        },
      ]);
    }
    expect(crossCheckCard(card({}), inspection(BERT_INPUTS, { out: [4, 32] }))).toEqual([]);
  });

  it('compares the last dim of the pooled output with embedding_dimension', () => {
    expect(crossCheckCard(card({ embedding_dimension: 16 }), inspection(BERT_INPUTS, { out: [4, 32] }))).toEqual([
      {
        code: 'dimension-mismatch',
        message: 'model_config.embedding_dimension is 16 but output 0 (out) has dimension 32 (shape [4, 32])',
      },
    ]);
  });

  it('names an output it has no metadata for by its index', () => {
    const model = { ...inspection(BERT_INPUTS, { out: [32] }), outputs: [] };
    expect(crossCheckCard(card({}), model)[0]?.message).toMatch(/^output 0 \(#0\) has shape \[32\]/);
  });

  it('checks output #1 for pooling none when the model has two outputs', () => {
    const model = inspection(BERT_INPUTS, { tokens: [1, 4, 8], pooled: [1, 32] });
    expect(crossCheckCard(card({ pooling_mode: 'none' }), model)).toEqual([]);
    expect(crossCheckCard(card({ pooling_mode: 'mean' }), model)).toEqual([
      {
        code: 'dimension-mismatch',
        message: 'model_config.embedding_dimension is 32 but output 0 (tokens) has dimension 8 (shape [1, 4, 8])',
      },
    ]);
  });

  it('does not flag a token-level output #1 for pooling none', () => {
    const model = inspection(BERT_INPUTS, { first: [1, 32], second: [1, 4, 32] });
    expect(crossCheckCard(card({ pooling_mode: 'none' }), model)).toEqual([]);
  });

  it('reports pooling none on a single token-level output, which returns one vector per token', () => {
    expect(crossCheckCard(card({ pooling_mode: 'none' }), inspection(BERT_INPUTS, { hidden: [1, 4, 32] }))).toEqual([
      {
        code: 'output-shape',
        message:
          'pooling_mode none with a single token-level output (hidden, shape [1, 4, 32]) returns a [seq, dim] tensor, not one embedding',
      },
    ]);
    expect(crossCheckCard(card({ pooling_mode: 'none' }), inspection(BERT_INPUTS, { pooled: [1, 32] }))).toEqual([]);
  });
});
