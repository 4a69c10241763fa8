import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCard } from '../models/load-cards.ts';
import { resolveFromRepo } from '../models/repo-paths.ts';
import { formatFinding } from '../validate/finding.ts';
import { validateCard } from '../validate/validate-card.ts';
import { initCard } from './init-card.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'omlc-init-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

let counter = 0;
function copyOfSource(fixture: string, change?: (dir: string) => void): string {
  const dir = path.join(scratch, `src-${++counter}`, fixture);
  cpSync(resolveFromRepo(`fixtures/sources/${fixture}`), dir, { recursive: true });
  change?.(dir);
  return dir;
}

async function initAndValidate(source: string): Promise<string[]> {
  const cardsDir = path.join(scratch, `cards-${++counter}`);
  const { cardDir } = await initCard(source, { cardsDir });
  const card = loadCard(cardDir);
  return (await validateCard(card, path.join(cardDir, 'model.zip'))).map((f) =>
    formatFinding(f).replace(`${card.file}: `, ''),
  );
}

function editJson(file: string, change: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(json);
  writeFileSync(file, JSON.stringify(json));
}

describe('init on the committed fixtures’ source folders', () => {
  it.for(['tiny-onnx-sym', 'tiny-onnx-asym', 'tiny-torchscript'])('%s reproduces its card', async (fixture) => {
    const cardsDir = path.join(scratch, `repro-${fixture}`);
    const result = await initCard(resolveFromRepo(`fixtures/sources/${fixture}`), { cardsDir });
    expect(result.todos).toEqual([]);
    const committed = parse(readFileSync(resolveFromRepo(`fixtures/models/${fixture}/card.yaml`), 'utf8')) as Record<
      string,
      unknown
    >;
    const written = parse(readFileSync(path.join(result.cardDir, 'card.yaml'), 'utf8')) as Record<string, unknown>;
    // The description is prose and the zip bytes depend on the deflate implementation; everything else is equal.
    const comparable = ({ description: _d, sha256: _s, ...rest }: Record<string, unknown>): unknown => rest;
    expect(comparable(written)).toEqual(comparable(committed));
    const entries = (zip: string): Record<string, Uint8Array> => unzipSync(readFileSync(zip));
    expect(entries(path.join(result.cardDir, 'model.zip'))).toEqual(
      entries(resolveFromRepo(`fixtures/models/${fixture}/model.zip`)),
    );
    const card = loadCard(result.cardDir);
    expect(await validateCard(card, path.join(result.cardDir, 'model.zip'))).toEqual([]);
  });
});

describe('init + validate give the precise message for', () => {
  it('a 2_Dense layer that changes the dimension of an ONNX model', async () => {
    const source = copyOfSource('tiny-onnx-sym', (dir) => {
      editJson(path.join(dir, 'modules.json'), (json) => {
        (json as unknown as unknown[]).push({
          idx: 3,
          name: '3',
          path: '2_Dense',
          type: 'sentence_transformers.models.Dense',
        });
      });
      cpSync(path.join(dir, '1_Pooling'), path.join(dir, '2_Dense'), { recursive: true });
      writeFileSync(path.join(dir, '2_Dense', 'config.json'), '{"in_features": 32, "out_features": 16}');
    });
    expect(await initAndValidate(source)).toEqual([
      expect.stringMatching(
        /^\(line \d+\): TODO\(2_Dense\) left by init: 2_Dense\/config.json projects 32 → 16, but ML Commons' ONNX path pools output #0 and never applies a Dense layer \(ml-commons #2302\)/,
      ),
    ]);
  });

  it('a wrong dimension (edited after init)', async () => {
    const cardsDir = path.join(scratch, 'wrong-dimension');
    const { cardDir } = await initCard(copyOfSource('tiny-onnx-sym'), { cardsDir });
    const file = path.join(cardDir, 'card.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('embedding_dimension: 32', 'embedding_dimension: 48')
        .replace('dimension: 32 #', 'dimension: 48 #')
        .replace(/^reference: .*$/m, ''),
    );
    const card = loadCard(cardDir);
    expect((await validateCard(card, path.join(cardDir, 'model.zip'))).map((f) => `${f.path}: ${f.reason}`)).toEqual([
      'model_config.embedding_dimension: model_config.embedding_dimension is 48 but output 0 (last_hidden_state) has dimension 32 (shape [1, 4, 32])',
    ]);
  });

  it('a zip that is not a zip', async () => {
    const bogus = path.join(scratch, 'bogus.zip');
    writeFileSync(bogus, 'PK? not really\n');
    await expect(initCard(bogus, { cardsDir: path.join(scratch, 'bogus') })).rejects.toThrow(
      `${bogus}: not a readable zip archive`,
    );
  });

  it('a tokenizer without truncation', async () => {
    const source = copyOfSource('tiny-onnx-sym', (dir) => {
      editJson(path.join(dir, 'tokenizer.json'), (json) => {
        json.truncation = null;
      });
    });
    expect(await initAndValidate(source)).toEqual([
      expect.stringMatching(/^\(line \d+\): TODO\(reference\) left by init: no reference computed: /),
      expect.stringMatching(
        /^artifact: tokenizer.json has no truncation: ML Commons ≤ 2.14 \(DJL 0.21\) then embeds every token and ≥ 2.15 cuts at 512/,
      ),
    ]);
  });

  it('a TorchScript folder without goldens (TODO: reference)', async () => {
    const source = copyOfSource('tiny-torchscript', (dir) => {
      rmSync(path.join(dir, 'reference.json'));
    });
    const cardsDir = path.join(scratch, 'ts-no-goldens');
    const result = await initCard(source, { cardsDir });
    expect(result.todos).toEqual([expect.stringMatching(/^line \d+: reference: TorchScript cannot run here/)]);
  });
});
