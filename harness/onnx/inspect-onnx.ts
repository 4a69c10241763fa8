/**
 * What an ONNX model really takes and returns, read with onnxruntime-node. ML Commons never compares
 * `embedding_dimension` with the real output (ml-commons-behavior.md §3.3), so the harness has to.
 */
import * as ort from 'onnxruntime-node';
import { createOnnxSession, readOnnxModel } from './onnx-zip.ts';
import type { ZipSource } from '../artifacts/zip-entries.ts';

export interface OnnxValueInfo {
  readonly name: string;
  /** onnxruntime type name (`int64`, `float32`, …); `unknown` for non-tensor values. */
  readonly type: string;
  /** Declared shape; strings are symbolic dimensions. Empty when the model does not declare one. */
  readonly declaredDims: readonly (number | string)[];
}

export interface OnnxInspection {
  readonly modelEntry: string;
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  /** Concrete dims of every output: declared ones when static, else observed on a dummy `[1, 4]` run. */
  readonly outputDims: readonly (readonly number[])[];
  /** True when a dummy run was needed to resolve symbolic output dims. */
  readonly probed: boolean;
}

const DUMMY_SEQ_LEN = 4;

export async function inspectOnnx(zip: ZipSource): Promise<OnnxInspection> {
  const { modelEntry, model } = readOnnxModel(zip);
  const session = await createOnnxSession(model);
  try {
    const inputs = session.inputMetadata.map(describe);
    const outputs = session.outputMetadata.map(describe);
    const isStatic = outputs.every(
      (output) => output.declaredDims.length > 0 && output.declaredDims.every((dim) => typeof dim === 'number'),
    );
    if (isStatic) {
      return { modelEntry, inputs, outputs, outputDims: outputs.map((o) => o.declaredDims as number[]), probed: false };
    }
    const results = await session.run(dummyFeeds(inputs));
    const outputDims = outputs.map((output) => {
      const value = results[output.name];
      if (!(value instanceof ort.Tensor)) {
        throw new Error(`${modelEntry}: output ${output.name} is not a tensor`);
      }
      return [...value.dims];
    });
    return { modelEntry, inputs, outputs, outputDims, probed: true };
  } finally {
    await session.release();
  }
}

function describe(meta: ort.InferenceSession.ValueMetadata): OnnxValueInfo {
  return meta.isTensor
    ? { name: meta.name, type: meta.type, declaredDims: [...meta.shape] }
    : { name: meta.name, type: 'unknown', declaredDims: [] };
}

function dummyFeeds(inputs: readonly OnnxValueInfo[]): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of inputs) {
    const dims = concreteDims(input.declaredDims);
    const count = dims.reduce((product, dim) => product * dim, 1);
    // Ones for the mask so no pooling divides by zero; zeros elsewhere are valid ids for every vocabulary.
    const fill = input.name === 'attention_mask' ? 1 : 0;
    feeds[input.name] = dummyTensor(input.type, count, fill, dims);
  }
  return feeds;
}

function concreteDims(declared: readonly (number | string)[]): number[] {
  if (declared.length === 0) {
    return [1, DUMMY_SEQ_LEN];
  }
  return declared.map((dim, index) => {
    // onnxruntime reports unknown dims (negative or absent) as strings; a number, even 0, is enforced at run time.
    if (typeof dim === 'number') {
      return dim;
    }
    return index === 0 && declared.length > 1 ? 1 : DUMMY_SEQ_LEN;
  });
}

function dummyTensor(type: string, count: number, fill: number, dims: number[]): ort.Tensor {
  switch (type) {
    case 'int64':
      return new ort.Tensor('int64', new BigInt64Array(count).fill(BigInt(fill)), dims);
    case 'int32':
      return new ort.Tensor('int32', new Int32Array(count).fill(fill), dims);
    case 'float32':
      return new ort.Tensor('float32', new Float32Array(count).fill(fill), dims);
    default:
      throw new Error(`cannot build a dummy input of type ${type}`);
  }
}
