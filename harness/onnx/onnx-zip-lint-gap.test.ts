/**
 * readOnnxZip's last line of defence: should the zip lint ever pass a layout deploy cannot use, the read fails with
 * its own message rather than a JSON or lookup error further on.
 */
import { describe, expect, it, vi } from 'vitest';
import { readOnnxZip } from './onnx-zip.ts';
import { zipOf } from './testing/onnx-graph.ts';

vi.mock('../artifacts/lint-model-zip.ts', () => ({ lintModelZip: () => [] }));

describe('readOnnxZip behind a lint that finds nothing', () => {
  it.for([
    ['tokenizer.json', { 'model.onnx': new Uint8Array([1]) }],
    ['model', { 'tokenizer.json': '{}' }],
  ] as const)('refuses a zip without its %s', ([, entries]) => {
    expect(() => readOnnxZip(zipOf(entries))).toThrowError('zip passed the lint but lacks the model or tokenizer.json');
  });
});
