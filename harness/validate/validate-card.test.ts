import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCard } from '../models/load-cards.ts';
import { resolveFromRepo } from '../models/repo-paths.ts';
import { formatFinding } from './finding.ts';
import { validateCard } from './validate-card.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'omlc-validate-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

interface Variant {
  /** Text replacements applied to card.yaml (the sha256 line is always dropped: the zip may change). */
  readonly card?: readonly (readonly [string, string])[];
  /** Rewrites the zip's entries. */
  readonly zip?: (entries: Record<string, Uint8Array>) => Record<string, Uint8Array>;
  /** Replaces the zip by these bytes. */
  readonly rawZip?: string;
}

let counter = 0;
function variantOf(fixture: string, variant: Variant): string {
  const dir = path.join(scratch, `${fixture}-${++counter}`);
  cpSync(resolveFromRepo(`fixtures/models/${fixture}`), dir, { recursive: true });
  let text = readFileSync(path.join(dir, 'card.yaml'), 'utf8').replace(/^sha256: .*\n/m, '');
  for (const [from, to] of variant.card ?? []) {
    expect(text, `card.yaml of ${fixture} contains ${from}`).toContain(from);
    text = text.replace(from, to);
  }
  writeFileSync(path.join(dir, 'card.yaml'), text);
  const zipFile = path.join(dir, 'model.zip');
  if (variant.rawZip !== undefined) {
    writeFileSync(zipFile, variant.rawZip);
  } else if (variant.zip !== undefined) {
    writeFileSync(zipFile, zipSync(variant.zip(unzipSync(readFileSync(zipFile)))));
  }
  return dir;
}

async function problems(fixture: string, variant: Variant): Promise<string[]> {
  const card = loadCard(variantOf(fixture, variant));
  if (card.artifact.kind !== 'file') {
    throw new Error('fixture cards are local');
  }
  return (await validateCard(card, card.artifact.path)).map((finding) =>
    formatFinding(finding).replace(`${card.file}: `, ''),
  );
}

function withTokenizer(change: (json: Record<string, unknown>) => void) {
  return (entries: Record<string, Uint8Array>): Record<string, Uint8Array> => {
    const json = JSON.parse(new TextDecoder().decode(entries['tokenizer.json'])) as Record<string, unknown>;
    change(json);
    return { ...entries, 'tokenizer.json': new TextEncoder().encode(JSON.stringify(json)) };
  };
}

describe('validateCard', () => {
  it.for(['tiny-onnx-sym', 'tiny-onnx-asym', 'tiny-torchscript'])('%s has no problem', async (fixture) => {
    expect(await problems(fixture, {})).toEqual([]);
  });

  it('a zip that is not a zip', async () => {
    expect(await problems('tiny-onnx-sym', { rawZip: 'this is not a zip\n' })).toEqual([
      expect.stringMatching(/^artifact: unreadable-zip: the register task fails with "not a readable zip archive/),
    ]);
  });

  it('a declared dimension the ONNX output does not have', async () => {
    const card: [string, string][] = [
      ['embedding_dimension: 32', 'embedding_dimension: 16'],
      ['dimension: 32', 'dimension: 16'],
      ['reference: reference.json', ''],
    ];
    expect(await problems('tiny-onnx-sym', { card })).toEqual([
      'model_config.embedding_dimension: model_config.embedding_dimension is 16 but output 0 (last_hidden_state) has dimension 32 (shape [1, 4, 32])',
    ]);
  });

  it('token_type_ids sent for a model without that input (model_type decides)', async () => {
    const card: [string, string][] = [['model_type: distilbert', 'model_type: bert']];
    expect(await problems('tiny-onnx-asym', { card })).toEqual([
      'model_config.model_type: model_type "bert" makes ML Commons send token_type_ids, but the model has no such input',
    ]);
  });

  it('a tokenizer without truncation', async () => {
    const zip = withTokenizer((json) => {
      json.truncation = null;
    });
    expect(await problems('tiny-onnx-sym', { zip })).toEqual([
      expect.stringMatching(/^artifact: tokenizer.json has no truncation: ML Commons ≤ 2.14 \(DJL 0.21\)/),
    ]);
  });

  it('a tokenizer that truncates elsewhere than model_max_length', async () => {
    const zip = withTokenizer((json) => {
      (json.truncation as Record<string, unknown>).max_length = 48;
    });
    expect(await problems('tiny-onnx-sym', { zip })).toEqual([
      'model_config.model_max_length: is 64 but tokenizer.json truncates at 48 tokens (ML Commons truncates with tokenizer.json; model_max_length only sizes the deploy warm-up text "sentence " × 64)',
    ]);
  });

  it('model_max_length beyond the position embeddings', async () => {
    const card: [string, string][] = [['"max_position_embeddings":64', '"max_position_embeddings":32']];
    expect(await problems('tiny-torchscript', { card })).toEqual([
      "model_config.model_max_length: is 64 but all_config.max_position_embeddings is 32: longer inputs index past the model's position table",
    ]);
  });

  it('a probe that claims to exceed the max length but does not', async () => {
    const card: [string, string][] = [
      ['text: the water is very long', 'text: the water is very long\n    exceeds_max_length: true'],
    ];
    expect(await problems('tiny-torchscript', { card })).toEqual([
      `probes[0].exceeds_max_length: is true but "short" has only 7 tokens and the tokenizer keeps 64 (counted with the zip's tokenizer.json, special tokens included)`,
    ]);
  });

  it('a prefix the tokenizer does not know (warning)', async () => {
    const card: [string, string][] = [["query_prefix: 'query: '", "query_prefix: 'zqx: '"]];
    const found = await problems('tiny-onnx-asym', { card });
    expect(found).toContain(
      'warning: model_config.query_prefix: "zqx: " tokenizes to [[UNK], :]: the tokenizer does not know it, so query and passage inputs differ only by [UNK]',
    );
  });

  it('a divergence threshold of 1 (the check is cosine < threshold)', async () => {
    const card: [string, string][] = [['divergence_max_cosine: 0.78', 'divergence_max_cosine: 1']];
    expect(await problems('tiny-onnx-asym', { card })).toEqual([
      'expectations.divergence_max_cosine: is 1: the check is cosine(query, passage) < threshold and a cosine is at most 1, so it must be below 1',
    ]);
  });

  it('a divergence threshold the model cannot meet', async () => {
    const card: [string, string][] = [['divergence_max_cosine: 0.78', 'divergence_max_cosine: 0.5']];
    expect(await problems('tiny-onnx-asym', { card })).toEqual([
      expect.stringMatching(
        /^expectations.divergence_max_cosine: is 0.5 but cosine\(query, passage\) of probe "short" is 0.5\d+ \(computed from the zip\): the check cannot pass$/,
      ),
      expect.stringContaining('probe "mixed"'),
    ]);
  });

  it('goldens that disagree with the ONNX model', async () => {
    const card: [string, string][] = [['reference: reference.json', 'reference: reference.json']];
    const dir = variantOf('tiny-onnx-sym', { card });
    const file = path.join(dir, 'reference.json');
    const reference = JSON.parse(readFileSync(file, 'utf8')) as { embeddings: { plain: Record<string, number[]> } };
    const short = reference.embeddings.plain.short ?? [];
    short[3] = (short[3] ?? 0) + 0.01;
    writeFileSync(file, JSON.stringify(reference));
    const loaded = loadCard(dir);
    const found = await validateCard(loaded, path.join(dir, 'model.zip'));
    expect(found.map((f) => `${f.path}: ${f.reason}`)).toEqual([
      expect.stringMatching(/^reference: reference.json plain.short differs from the embedding computed from the zip/),
    ]);
  });
});
