/**
 * Reading ONNX model zips: the strict deploy layout (readOnnxZip), the lenient model-only read (readOnnxModel), and
 * how sessions are configured.
 */
import * as ort from 'onnxruntime-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOnnxSession, readOnnxModel, readOnnxZip } from './onnx-zip.ts';
import { identityGraph, onnxModel, zipOf } from './testing/onnx-graph.ts';

const model = onnxModel(identityGraph([{ name: 'x', elemType: 'float32', dims: [1] }]));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('readOnnxZip', () => {
  it('returns the model and the parsed tokenizer, ignoring other entries', () => {
    // tokenizer.json first, so the model entry has to be picked by its extension rather than its position.
    const zip = zipOf({ 'tokenizer.json': '{"version":"1.0"}', 'config.json': '{}', 'encoder.onnx': model });
    const contents = readOnnxZip(zip);
    expect(contents.modelEntry).toBe('encoder.onnx');
    expect(contents.model).toEqual(model);
    expect(contents.tokenizer).toEqual({ version: '1.0' });
  });

  it('names the file and every lint problem when the layout is wrong', () => {
    const path = 'fixtures/negative/no-tokenizer/model.zip';
    expect(() => readOnnxZip(path)).toThrowError(`${path}: no-tokenizer: No tokenizer file`);
  });

  it('lists problems of an in-memory zip with their entries', () => {
    const zip = zipOf({ 'a.onnx': model, 'b.onnx': model });
    expect(() => readOnnxZip(zip)).toThrowError(
      'zip: multiple-model-files (b.onnx): Find multiple model files, but expected only one; no-tokenizer: No tokenizer file',
    );
  });

  it.for(['null', '[{"a":1}]', '"text"', '42'])('refuses a tokenizer.json that is %s', (json) => {
    const zip = zipOf({ 'model.onnx': model, 'tokenizer.json': json });
    expect(() => readOnnxZip(zip)).toThrowError('tokenizer.json is not a JSON object');
  });
});

describe('readOnnxModel', () => {
  it('reads the single .onnx entry even when the rest of the layout is wrong', () => {
    const { modelEntry, model: bytes } = readOnnxModel(zipOf({ 'README.md': 'hi', 'm.onnx': model }));
    expect(modelEntry).toBe('m.onnx');
    expect(bytes).toEqual(model);
  });

  it.for([
    [{ 'README.md': 'hi' }, 'found 0: '],
    [{ 'a.onnx': model, 'b.onnx': model }, 'found 2: a.onnx, b.onnx'],
  ] as const)('refuses a zip that does not hold exactly one model (%#)', ([entries, found]) => {
    expect(() => readOnnxModel(zipOf(entries))).toThrowError(`expected exactly one .onnx entry, ${found}`);
  });
});

describe('createOnnxSession', () => {
  it('creates a single-threaded CPU session that logs errors only', async () => {
    const create = vi.spyOn(ort.InferenceSession, 'create');
    const session = await createOnnxSession(model);
    try {
      expect(session.inputNames).toEqual(['x']);
      expect(create).toHaveBeenCalledWith(model, {
        logSeverityLevel: 3,
        executionProviders: ['cpu'],
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
      });
    } finally {
      await session.release();
    }
  });
});
