import { describe, expect, it } from 'vitest';
import { PROFILES } from '../profiles/index.ts';
import { buildZip } from '../test-support/zips.ts';
import { listZipEntries, verifyModelZip } from './zip-lint.ts';

const v2 = PROFILES['2.19'];
const v3 = PROFILES['3.x'];
const TOKENIZER = { 'tokenizer.json': '{}' };

describe('verifyModelZip (ModelHelper.verifyModelZipFile)', () => {
  it.for([
    ['accepts one .onnx and a root tokenizer.json', 'ONNX', { 'model.onnx': 'x', ...TOKENIZER }, undefined],
    ['accepts a model file inside a folder', 'TORCH_SCRIPT', { 'sub/model.pt': 'x', ...TOKENIZER }, undefined],
    [
      'a .pt in an ONNX registration',
      'ONNX',
      { 'model.pt': 'x', ...TOKENIZER },
      'Model format is ONNX, but find .pt file',
    ],
    [
      'an .onnx in a TorchScript registration',
      'TORCH_SCRIPT',
      { 'm.onnx': 'x', ...TOKENIZER },
      'Model format is TORCH_SCRIPT, but find .onnx file',
    ],
    [
      'two model files',
      'ONNX',
      { 'a.onnx': 'x', 'b.onnx': 'y', ...TOKENIZER },
      'Find multiple model files, but expected only one',
    ],
    ['no model file', 'ONNX', { ...TOKENIZER, 'config.json': '{}' }, "Can't find model file"],
    ['no tokenizer', 'ONNX', { 'model.onnx': 'x' }, 'No tokenizer file'],
    [
      'tokenizer.json only inside a folder',
      'ONNX',
      { 'model.onnx': 'x', 'sub/tokenizer.json': '{}' },
      'No tokenizer file',
    ],
    // Per entry, in zip order: the format mismatch of the second entry is found before the missing tokenizer.
    ['entry order decides', 'ONNX', { 'a.onnx': 'x', 'b.pt': 'y' }, 'Model format is ONNX, but find .pt file'],
    ['no model file is reported before no tokenizer', 'ONNX', { 'readme.txt': 'x' }, "Can't find model file"],
  ] as const)('%s', ([, format, entries, expected]) => {
    expect(verifyModelZip(buildZip(entries), format, v2)).toBe(expected);
  });

  it('rejects executables only on profiles with that check', () => {
    const zip = buildZip({ 'model.onnx': 'x', ...TOKENIZER, 'lib/evil.so': 'x' });
    expect(verifyModelZip(zip, 'ONNX', v2)).toBeUndefined();
    expect(verifyModelZip(zip, 'ONNX', v3)).toBe('Model archive contains a disallowed executable file: lib/evil.so');
  });

  it('reports bytes that are not a zip', () => {
    expect(verifyModelZip(new TextEncoder().encode('<html>404</html>'), 'ONNX', v2)).toBe('zip END header not found');
  });

  it('lists entries in central-directory order', () => {
    expect(listZipEntries(buildZip({ b: '1', 'a/c': '2' }))).toEqual(['b', 'a/c']);
  });
});
