/**
 * How inspectOnnx resolves output dims on hand-built graphs: declared static shapes are trusted, anything symbolic
 * is settled by a dummy run whose inputs follow the declared shapes.
 */
import * as ort from 'onnxruntime-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inspectOnnx } from './inspect-onnx.ts';
import { identityGraph, zipOf, type Graph } from './testing/onnx-graph.ts';

// The runtime's session class; its typings only expose the factory.
const sessions = (ort.InferenceSession as unknown as { prototype: ort.InferenceSession }).prototype;
const inspect = (graph: Graph) => inspectOnnx(zipOf({ 'model.onnx': graph, 'tokenizer.json': '{}' }));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('inspectOnnx on static shapes', () => {
  it('trusts declared static output dims without running the model', async () => {
    const run = vi.spyOn(sessions, 'run');
    const inspection = await inspect(identityGraph([{ name: 'x', elemType: 'float32', dims: [1, 3] }]));
    expect(inspection).toEqual({
      modelEntry: 'model.onnx',
      inputs: [{ name: 'x', type: 'float32', declaredDims: [1, 3] }],
      outputs: [{ name: 'x_out', type: 'float32', declaredDims: [1, 3] }],
      outputDims: [[1, 3]],
      probed: false,
    });
    expect(run).not.toHaveBeenCalled();
  });

  it('probes when any output, or any dim of one, is symbolic', async () => {
    const inspection = await inspect(
      identityGraph([
        { name: 'fixed', elemType: 'int64', dims: [3] },
        { name: 'mixed', elemType: 'int64', dims: [2, 'seq'] },
      ]),
    );
    expect(inspection.probed).toBe(true);
    expect(inspection.outputDims).toEqual([[3], [2, 4]]);
  });

  it('probes a scalar output instead of taking its empty shape as static', async () => {
    const inspection = await inspect({
      inputs: [{ name: 'x', elemType: 'int64', dims: [3] }],
      outputs: [{ name: 'total', elemType: 'int64', dims: [] }],
      nodes: [{ op: 'ReduceSum', inputs: ['x'], outputs: ['total'], attributes: { keepdims: 0 } }],
    });
    expect(inspection.outputs).toEqual([{ name: 'total', type: 'int64', declaredDims: [] }]);
    expect(inspection.probed).toBe(true);
    expect(inspection.outputDims).toEqual([[]]);
  });

  it('describes a non-tensor input as unknown, without dims', async () => {
    const inspection = await inspect({
      inputs: [
        { name: 'texts', sequenceOf: 'float32' },
        { name: 'x', elemType: 'float32', dims: [2] },
      ],
      outputs: [{ name: 'y', elemType: 'float32', dims: [2] }],
      nodes: [{ op: 'Identity', inputs: ['x'], outputs: ['y'] }],
    });
    expect(inspection.inputs).toEqual([
      { name: 'texts', type: 'unknown', declaredDims: [] },
      { name: 'x', type: 'float32', declaredDims: [2] },
    ]);
  });
});

describe('inspectOnnx dummy inputs', () => {
  it('fills symbolic dims with batch 1 first and sequence length 4 elsewhere, keeping fixed ones', async () => {
    const inspection = await inspect(
      identityGraph([
        { name: 'shapeless', elemType: 'int64' },
        { name: 'rank1', elemType: 'int32', dims: ['s'] },
        { name: 'rank3', elemType: 'float32', dims: ['b', 's', 'h'] },
        { name: 'fixedBatch', elemType: 'int64', dims: [2, 's'] },
        { name: 'unnamed', elemType: 'int64', dims: [null, null] },
      ]),
    );
    expect(inspection.probed).toBe(true);
    expect(inspection.outputDims).toEqual([[1, 4], [4], [1, 4, 4], [2, 4], [1, 4]]);
  });

  it('feeds a declared zero dim as zero, the only size ONNX Runtime accepts for it', async () => {
    const inspection = await inspect(identityGraph([{ name: 'x', elemType: 'int64', dims: ['b', 0] }]));
    expect(inspection.outputDims).toEqual([[1, 0]]);
  });

  it('feeds ones as attention_mask and zeros as every other input', async () => {
    // Each output's length is the sum of one input, so the dims reveal the values the dummy run fed.
    const lengthOf = (input: string, output: string) => [
      { op: 'ReduceSum', inputs: [input], outputs: [`${input}_sum`], attributes: { keepdims: 0 } },
      { op: 'Range', inputs: ['zero', `${input}_sum`, 'one'], outputs: [output] },
    ];
    const inspection = await inspect({
      inputs: [
        { name: 'input_ids', elemType: 'int64', dims: ['b', 's'] },
        { name: 'attention_mask', elemType: 'int64', dims: ['b', 's'] },
      ],
      outputs: [
        { name: 'mask_sum', elemType: 'int64', dims: ['n'] },
        { name: 'ids_sum', elemType: 'int64', dims: ['m'] },
      ],
      constants: { zero: 0, one: 1 },
      nodes: [...lengthOf('attention_mask', 'mask_sum'), ...lengthOf('input_ids', 'ids_sum')],
    });
    expect(inspection.outputDims).toEqual([[4], [0]]);
  });

  it('refuses an input type it cannot fake, and still releases the session', async () => {
    const release = vi.spyOn(sessions, 'release');
    await expect(inspect(identityGraph([{ name: 'flags', elemType: 'bool', dims: ['s'] }]))).rejects.toThrowError(
      'cannot build a dummy input of type bool',
    );
    expect(release).toHaveBeenCalledOnce();
  });

  it('refuses an output the runtime does not return as a tensor', async () => {
    vi.spyOn(sessions, 'run').mockResolvedValue({});
    await expect(inspect(identityGraph([{ name: 'x', elemType: 'int64', dims: ['s'] }]))).rejects.toThrowError(
      'model.onnx: output x_out is not a tensor',
    );
  });

  it('releases the session after a successful inspection', async () => {
    const release = vi.spyOn(sessions, 'release');
    await inspect(identityGraph([{ name: 'x', elemType: 'int64', dims: ['s'] }]));
    expect(release).toHaveBeenCalledOnce();
  });
});
