import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { resolveFromRepo } from '../models/repo-paths.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'omlc-suite-cards-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** A fresh module each time: the suites' card list is loaded once per test file. */
async function conformanceCards(): Promise<readonly { id: string }[]> {
  const fixtures = await import('./fixtures.ts');
  return fixtures.conformanceCards();
}

describe('conformanceCards (what every suite iterates over)', () => {
  it('applies the static checks while loading: a card whose tokenizer contradicts it fails the file', async () => {
    const cards = path.join(scratch, 'cards');
    cpSync(resolveFromRepo('fixtures/models/tiny-onnx-sym'), path.join(cards, 'too-long'), { recursive: true });
    const file = path.join(cards, 'too-long', 'card.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('model_max_length: 64', 'model_max_length: 128'));
    vi.stubEnv('OMLC_CARDS_DIR', cards);
    vi.stubEnv('ML_CARDS', 'too-long');
    await expect(conformanceCards()).rejects.toThrowError(
      `${file}: model_config.model_max_length: is 128 but all_config.max_position_embeddings is 64: longer inputs index past the model's position table`,
    );
  });

  it('keeps an unavailable card (its checks skip with the reason) instead of dropping it', async () => {
    vi.stubEnv('OMLC_CACHE_DIR', path.join(scratch, 'empty-cache'));
    vi.stubEnv('ML_CARDS', 'minilm-l6-torchscript,tiny-onnx-sym');
    const loaded = (await conformanceCards()) as readonly { id: string; unavailable?: string }[];
    expect(loaded.map((card) => [card.id, card.unavailable === undefined])).toEqual([
      ['minilm-l6-torchscript', false],
      ['tiny-onnx-sym', true],
    ]);
  });
});
