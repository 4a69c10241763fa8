/**
 * Compares what a card declares with what its ONNX model really does. ML Commons checks none of this at
 * register time: a wrong `embedding_dimension` is never noticed, and an input-name mismatch only fails at
 * predict ("input mismatch, looking for: [...]", ml-commons-behavior.md §3.3).
 */
import type { ModelConfig } from '../models/model-config-schema.ts';
import type { OnnxInspection } from './inspect-onnx.ts';
import { embeddingOutputIndex, onnxInputNames } from './ml-commons-onnx-io.ts';

export type CrossCheckCode =
  'dimension-mismatch' | 'missing-input' | 'token-type-ids-mismatch' | 'unexpected-input' | 'output-shape';

export interface CrossCheckFinding {
  readonly code: CrossCheckCode;
  readonly message: string;
}

export interface CrossCheckSubject {
  readonly modelConfig: Pick<ModelConfig, 'embedding_dimension' | 'model_type' | 'pooling_mode'>;
}

export function crossCheckCard(card: CrossCheckSubject, inspection: OnnxInspection): CrossCheckFinding[] {
  return [...checkInputs(card, inspection), ...checkOutput(card, inspection)];
}

function checkInputs(card: CrossCheckSubject, inspection: OnnxInspection): CrossCheckFinding[] {
  const findings: CrossCheckFinding[] = [];
  const modelType = card.modelConfig.model_type;
  const sent = onnxInputNames(modelType);
  const present = new Set(inspection.inputs.map((input) => input.name));
  for (const name of ['input_ids', 'attention_mask']) {
    if (!present.has(name)) {
      findings.push({
        code: 'missing-input',
        message: `the model has no input "${name}" (inputs: ${[...present].join(', ')}); ML Commons always sends it`,
      });
    }
  }
  const sendsTypeIds = sent.includes('token_type_ids');
  if (sendsTypeIds !== present.has('token_type_ids')) {
    findings.push({
      code: 'token-type-ids-mismatch',
      message: sendsTypeIds
        ? `model_type ${JSON.stringify(modelType)} makes ML Commons send token_type_ids, but the model has no such input`
        : `the model requires token_type_ids, which ML Commons sends only for model_type bert or albert (card: ${JSON.stringify(modelType ?? null)})`,
    });
  }
  for (const name of present) {
    if (!['input_ids', 'attention_mask', 'token_type_ids'].includes(name)) {
      findings.push({
        code: 'unexpected-input',
        message: `the model requires input "${name}", which ML Commons never sends`,
      });
    }
  }
  return findings;
}

function checkOutput(card: CrossCheckSubject, inspection: OnnxInspection): CrossCheckFinding[] {
  const { embedding_dimension: declared, pooling_mode: pooling } = card.modelConfig;
  const index = embeddingOutputIndex(pooling, inspection.outputDims.length);
  const dims = inspection.outputDims[index];
  const name = inspection.outputs[index]?.name ?? `#${index}`;
  if (dims === undefined) {
    return [{ code: 'output-shape', message: 'the model has no outputs' }];
  }
  const rank = dims.length;
  if (rank !== 2 && rank !== 3) {
    return [
      {
        code: 'output-shape',
        message: `output ${index} (${name}) has shape [${dims.join(', ')}]; ML Commons expects [1, seq, dim] or [seq, dim]`,
      },
    ];
  }
  const findings: CrossCheckFinding[] = [];
  const actual = dims[rank - 1];
  if (actual !== declared) {
    findings.push({
      code: 'dimension-mismatch',
      message: `model_config.embedding_dimension is ${declared} but output ${index} (${name}) has dimension ${String(actual)} (shape [${dims.join(', ')}])`,
    });
  }
  if (pooling === 'none' && index === 0 && rank === 3) {
    findings.push({
      code: 'output-shape',
      message: `pooling_mode none with a single token-level output (${name}, shape [${dims.join(', ')}]) returns a [seq, dim] tensor, not one embedding`,
    });
  }
  return findings;
}
