import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { digestFileSync } from '../artifacts/file-digest.ts';
import { CardError } from './card-error.ts';
import { loadNegativeCases } from './load-negative-cases.ts';
import { resolveFromRepo } from './repo-paths.ts';

describe('loadNegativeCases', () => {
  it('loads every negative artifact with its digest and expectations', () => {
    const cases = loadNegativeCases();
    expect(cases.map((entry) => entry.id)).toEqual([
      'no-model-file',
      'no-tokenizer',
      'two-model-files',
      'wrong-extension',
    ]);
    for (const entry of cases) {
      expect(digestFileSync(entry.artifact.path).sha256).toBe(entry.artifact.sha256);
      expect(entry.baseCard).toBe('tiny-onnx-sym');
      expect(entry.expectedError).not.toBe('');
    }
  });

  it('honours an id filter', () => {
    expect(loadNegativeCases('fixtures/negative', { only: ['no-tokenizer'] }).map((entry) => entry.lintError)).toEqual([
      'no-tokenizer',
    ]);
  });

  it('names the variable whose id it does not know', () => {
    expect(() => loadNegativeCases('fixtures/negative', { only: ['no-such-case'] })).toThrowError(
      /^fixtures\/negative: ML_NEGATIVE_CASES: unknown id\(s\) "no-such-case"/,
    );
  });

  describe('in a scratch folder', () => {
    let dir = '';
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('reports every problem of a bad case.yaml', () => {
      dir = mkdtempSync(join(tmpdir(), 'omlc-negative-'));
      mkdirSync(join(dir, 'broken'));
      writeFileSync(
        join(dir, 'broken', 'case.yaml'),
        [
          'description: broken case',
          'format: ONNX',
          'artifact: http://127.0.0.1:9/model.zip',
          'base_card: no-such-card',
          'expected_error: No tokenizer file',
          'lint_error: no-tokenizers',
        ].join('\n'),
      );
      const file = join(dir, 'broken', 'case.yaml');
      expect(() => loadNegativeCases(dir)).toThrowError(
        `${file}: lint_error: expected one of "no-model-file", "multiple-model-files", "wrong-format", "no-tokenizer", ` +
          '"model-not-at-root", "executable", "unreadable-zip", got string "no-tokenizers"',
      );
      writeFileSync(
        file,
        [
          'description: broken case',
          'format: ONNX',
          'artifact: http://127.0.0.1:9/model.zip',
          'base_card: no-such-card',
          'expected_error: No tokenizer file',
          'lint_error: no-tokenizer',
        ].join('\n'),
      );
      expect(() => loadNegativeCases(dir)).toThrowError(
        new CardError([
          {
            file,
            path: 'artifact',
            reason: 'must be a path relative to this folder (negative artifacts are committed)',
          },
          { file, path: 'base_card', reason: 'no card "no-such-card" in fixtures/models' },
        ]),
      );
    });

    it('refuses a case whose artifact is fine but whose base card does not exist', () => {
      dir = mkdtempSync(join(tmpdir(), 'omlc-negative-'));
      mkdirSync(join(dir, 'orphan'));
      copyFileSync(resolveFromRepo('fixtures/negative/no-tokenizer/model.zip'), join(dir, 'orphan', 'model.zip'));
      const yaml = readFileSync(resolveFromRepo('fixtures/negative/no-tokenizer/case.yaml'), 'utf8');
      writeFileSync(join(dir, 'orphan', 'case.yaml'), yaml.replace('base_card: tiny-onnx-sym', 'base_card: gone'));
      expect(() => loadNegativeCases(dir)).toThrowError(
        new CardError([
          { file: join(dir, 'orphan', 'case.yaml'), path: 'base_card', reason: 'no card "gone" in fixtures/models' },
        ]),
      );
    });
  });
});
