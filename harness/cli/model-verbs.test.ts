import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFromRepo } from '../models/repo-paths.ts';
import { main } from './main.ts';
import { planRun } from './run-verb.ts';
import { parseWithOperands } from './positionals.ts';
import type { CliContext } from './verb.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'omlc-cli-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const context: CliContext = {
    root: resolveFromRepo('.'),
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  };
  const code = await main(argv, context);
  return { code, out, err };
}

describe('operands and --cards-dir', () => {
  it('separates operands from options and option values', () => {
    const specs = [
      { name: 'cards-dir', takesValue: true, help: '' },
      { name: 'force', takesValue: false, help: '' },
    ];
    const parsed = parseWithOperands(['a', '--cards-dir', 'x', '--force', 'b', '--cards-dir', 'y'], specs);
    expect(parsed.operands).toEqual(['a', 'b']);
    expect(parsed.options.get('cards-dir')).toEqual(['x', 'y']);
  });

  it('run passes --cards-dir (repeatable) to Vitest as OMLC_CARDS_DIR', () => {
    expect(planRun(['--cards-dir', 'a', '--cards-dir', '/b', '--cards', 'my-model']).env).toEqual({
      ML_CARDS: 'my-model',
      OMLC_CARDS_DIR: `${path.resolve('a')}:/b`,
    });
  });
});

describe('init → validate → tokens', () => {
  it('a sentence-transformers folder becomes a card that validates', async () => {
    const source = path.join(scratch, 'my-model');
    cpSync(resolveFromRepo('fixtures/sources/tiny-onnx-sym'), source, { recursive: true });
    const cards = path.join(scratch, 'cards');
    const init = await cli('init', source, '--cards-dir', cards);
    expect(init).toMatchObject({ code: 0, err: '' });
    expect(init.out).toContain(`next: npx ml-conformance validate --cards-dir`);
    const validate = await cli('validate', '--cards-dir', cards, 'my-model');
    expect(validate).toEqual({
      code: 0,
      out: `${path.join(cards, 'my-model', 'card.yaml')}: ok (my-model)\n1 card(s): 0 error(s), 0 warning(s)\n`,
      err: '',
    });
    const tokens = await cli('tokens', '--cards-dir', cards, 'my-model', 'the water is very long');
    expect(tokens.out).toBe(
      '7 tokens (special tokens included); the tokenizer keeps 64\ntext: the water is very long\n',
    );
  });

  it('validate exits 1 with one path-precise line per problem', async () => {
    const cards = path.join(scratch, 'broken-cards');
    cpSync(resolveFromRepo('fixtures/models/tiny-onnx-sym'), path.join(cards, 'broken'), { recursive: true });
    const file = path.join(cards, 'broken', 'card.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace(/^sha256: .*\n/m, '')
        .replace('model_max_length: 64', 'model_max_length: 48')
        .replace('text: the water is very long', 'text: the water is very long\n    exceeds_max_length: true'),
    );
    writeFileSync(path.join(cards, 'broken', 'model.zip'), 'not a zip');
    const result = await cli('validate', '--cards-dir', cards, 'broken');
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      expect.stringMatching(
        /broken\/card.yaml: artifact: unreadable-zip: the register task fails with "not a readable zip archive/,
      ),
      '1 card(s): 1 error(s), 0 warning(s)',
      '',
    ]);
  });

  it('init refuses a path that is neither a folder with a model nor a zip', async () => {
    const bogus = path.join(scratch, 'bogus.zip');
    writeFileSync(bogus, 'text');
    const result = await cli('init', bogus, '--cards-dir', path.join(scratch, 'x'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^ml-conformance init: .*bogus.zip: not a readable zip archive/);
  });

  it('usage mistakes exit 2 with the verb help', async () => {
    const result = await cli('tokens', 'only-a-card');
    expect(result.code).toBe(2);
    expect(result.err).toContain('ml-conformance tokens: give a card (id or folder) and one text (quote it)');
    expect(result.err).toContain('Usage: ml-conformance tokens');
  });
});
