import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadCards } from '../models/load-cards.ts';
import { loadNegativeCases } from '../models/load-negative-cases.ts';
import { lintModelZip } from './lint-model-zip.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const zipOf = (names: readonly string[]): Uint8Array =>
  zipSync(Object.fromEntries(names.map((name) => [name, name.endsWith('/') ? new Uint8Array() : bytes(name)])));

describe('lintModelZip', () => {
  describe.for(loadNegativeCases().map((entry) => [entry.id, entry] as const))('negative artifact %s', ([, entry]) => {
    it('is refused with the code and ML Commons message its case.yaml names', () => {
      const [first, ...rest] = lintModelZip(entry.artifact.path, entry.format);
      expect(first?.code).toBe(entry.lintError);
      expect(first?.message).toBe(entry.expectedError);
      expect(first?.stage).toBe('register');
      expect(rest).toEqual([]);
    });
  });

  it.for(
    loadCards().flatMap((card) =>
      card.artifact.kind === 'file' && card.unavailable === undefined ? [[card.id, card] as const] : [],
    ),
  )('finds nothing wrong with the artifact of card %s', ([, card]) => {
    expect(card.artifact.kind === 'file' && lintModelZip(card.artifact.path, card.format)).toEqual([]);
  });

  it('reports every problem, in the order ML Commons meets them, with the entry at fault', () => {
    const zip = zipOf(['lib/native.so', 'model.pt', 'a.onnx', 'sub/b.onnx', 'sub/tokenizer.json']);
    expect(lintModelZip(zip, 'ONNX')).toEqual([
      {
        code: 'executable',
        entry: 'lib/native.so',
        stage: 'register',
        message: 'Model archive contains a disallowed executable file: lib/native.so',
      },
      {
        code: 'wrong-format',
        entry: 'model.pt',
        stage: 'register',
        message: 'Model format is ONNX, but find .pt file',
      },
      {
        code: 'multiple-model-files',
        entry: 'sub/b.onnx',
        stage: 'register',
        message: 'Find multiple model files, but expected only one',
      },
      { code: 'no-tokenizer', stage: 'register', message: 'No tokenizer file' },
      { code: 'model-not-at-root', entry: 'sub/b.onnx', stage: 'deploy', message: 'Failed to deploy model <model_id>' },
    ]);
  });

  it('accepts a nested model at register time but flags it for deploy', () => {
    expect(lintModelZip(zipOf(['model/', 'model/m.pt', 'tokenizer.json']), 'TORCH_SCRIPT')).toEqual([
      { code: 'model-not-at-root', entry: 'model/m.pt', stage: 'deploy', message: 'Failed to deploy model <model_id>' },
    ]);
  });

  it('mirrors ML Commons case rules: model extensions are case-sensitive, executables are not', () => {
    expect(lintModelZip(zipOf(['model.ONNX', 'tokenizer.json']), 'ONNX').map((finding) => finding.code)).toEqual([
      'no-model-file',
    ]);
    expect(lintModelZip(zipOf(['model.onnx', 'tokenizer.json', 'Helper.CLASS']), 'ONNX')).toEqual([
      {
        code: 'executable',
        entry: 'Helper.CLASS',
        stage: 'register',
        message: 'Model archive contains a disallowed executable file: Helper.CLASS',
      },
    ]);
  });

  it('flags the TORCH_SCRIPT mirror of wrong-format', () => {
    expect(lintModelZip(zipOf(['m.onnx', 'tokenizer.json']), 'TORCH_SCRIPT')).toEqual([
      {
        code: 'wrong-format',
        entry: 'm.onnx',
        stage: 'register',
        message: 'Model format is TORCH_SCRIPT, but find .onnx file',
      },
    ]);
  });

  it('misses the model file even when other problems were found, unless a wrong-format file explains it', () => {
    expect(lintModelZip(zipOf(['bin/tool.jar', 'tokenizer.json']), 'ONNX').map((finding) => finding.code)).toEqual([
      'executable',
      'no-model-file',
    ]);
    expect(lintModelZip(zipOf(['model.onnx', 'tokenizer.json']), 'ONNX')).toEqual([]);
  });

  it('reports bytes that are not a zip', () => {
    const [finding] = lintModelZip(bytes('definitely not a zip archive'), 'ONNX');
    expect(finding?.code).toBe('unreadable-zip');
    expect(finding?.message).toMatch(/^not a readable zip archive \(.+\)$/);
  });
});
