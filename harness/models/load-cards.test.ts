import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { digestFileSync } from '../artifacts/file-digest.ts';
import { DEFAULT_DRIFT_TOLERANCE } from '../drift/tolerance.ts';
import { loadCards } from './load-cards.ts';
import { resolveFromRepo } from './repo-paths.ts';

const FIXTURE_IDS = ['tiny-onnx-asym', 'tiny-onnx-sym', 'tiny-torchscript'];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('loadCards', () => {
  it('loads every fixture card, sorted by id', () => {
    vi.stubEnv('ML_CARDS', '');
    const ids = loadCards().map((card) => card.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(FIXTURE_IDS));
  });

  it.for(loadCards('fixtures/models', { only: FIXTURE_IDS }).map((card) => [card.id, card] as const))(
    '%s is resolved: absolute artifact with its digest, parsed reference for every probe',
    ([, card]) => {
      expect(card.file).toBe(`fixtures/models/${card.id}/card.yaml`);
      expect(card.artifact.kind).toBe('file');
      if (card.artifact.kind !== 'file') {
        return;
      }
      expect(isAbsolute(card.artifact.path)).toBe(true);
      expect(digestFileSync(card.artifact.path)).toEqual({ sha256: card.artifact.sha256, size: card.artifact.size });
      expect(card.modelConfig.embedding_dimension).toBe(card.expectations.dimension);
      expect(card.probes.some((probe) => probe.exceedsMaxLength)).toBe(true);
      const kinds = card.expectations.asymmetric ? (['query', 'passage'] as const) : (['plain'] as const);
      for (const kind of kinds) {
        for (const probe of card.probes) {
          expect(card.reference?.[kind]?.[probe.id]).toHaveLength(card.expectations.dimension);
        }
      }
    },
  );

  it('keeps model_config exactly as written (it is sent to ML Commons as-is)', () => {
    const [card] = loadCards('fixtures/models', { only: ['tiny-onnx-asym'] });
    expect(card?.modelConfig).toMatchObject({
      model_type: 'distilbert',
      query_prefix: 'query: ',
      pooling_mode: 'mean',
    });
    expect(card?.expectations.divergenceMaxCosine).toBeTypeOf('number');
    expect(card?.expectations.tolerance).toEqual({ minCosine: 0.9999, rtol: 0.001, atol: 0.00001 });
    expect(card?.expectations.drift).toEqual(DEFAULT_DRIFT_TOLERANCE);
  });

  it('honours ML_CARDS', () => {
    vi.stubEnv('ML_CARDS', ' tiny-onnx-sym , tiny-torchscript');
    expect(loadCards().map((card) => card.id)).toEqual(['tiny-onnx-sym', 'tiny-torchscript']);
  });

  it('refuses unknown ids in ML_CARDS instead of running nothing', () => {
    vi.stubEnv('ML_CARDS', 'tiny-onnx-sym,tiny-onxx');
    expect(() => loadCards()).toThrowError(
      /^fixtures\/models: ML_CARDS: unknown id\(s\) "tiny-onxx" \(available: .*tiny-onnx-sym.*\)$/,
    );
  });

  it('names every card folder in an unknown-id message, comma-separated', () => {
    expect(() => loadCards(['fixtures/models', 'fixtures/bad-cards'], { only: ['tiny-onxx'] })).toThrowError(
      /^fixtures\/models, fixtures\/bad-cards: ML_CARDS: unknown id\(s\) "tiny-onxx"/,
    );
  });

  describe('in a scratch folder', () => {
    let dir = '';
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('reports a card folder without card.yaml and ignores _-prefixed helper folders', () => {
      dir = mkdtempSync(join(tmpdir(), 'omlc-cards-'));
      mkdirSync(join(dir, 'forgotten'));
      mkdirSync(join(dir, '_shared'));
      writeFileSync(join(dir, 'README.md'), 'not a card');
      expect(() => loadCards(dir)).toThrowError(`${join(dir, 'forgotten', 'card.yaml')}: (root): file not found`);
    });

    it.for([
      [
        'a syntax error',
        'name: "unterminated\nversion: 1.0.0\n',
        /: \(root\): invalid YAML at line \d+, column \d+: .+$/,
      ],
      [
        'an alias to a missing anchor',
        'name: *nowhere\n',
        /: \(root\): invalid YAML( at line \d+, column \d+)?: .*nowhere.*$/,
      ],
      ['a document that is not a mapping', '- just\n- a list\n', /: \(root\): expected object, got array$/],
    ] as const)('reports %s as one line', ([, yaml, message]) => {
      dir = mkdtempSync(join(tmpdir(), 'omlc-cards-'));
      mkdirSync(join(dir, 'broken'));
      writeFileSync(join(dir, 'broken', 'card.yaml'), yaml);
      expect(() => loadCards(dir)).toThrowError(message);
    });

    /** A scratch copy of the bad-cards baseline (a valid card), changed by `edit`, loaded from `dir`. */
    function loadScratch(edit: (yaml: string) => string): ReturnType<typeof loadCards> {
      dir = mkdtempSync(join(tmpdir(), 'omlc-cards-'));
      mkdirSync(join(dir, 'loose'));
      const baseline = readFileSync(resolveFromRepo('fixtures/bad-cards/_baseline/card.yaml'), 'utf8');
      writeFileSync(
        join(dir, 'loose', 'card.yaml'),
        edit(baseline.replace('artifact: ../_shared/model.zip', 'artifact: model.zip')),
      );
      copyFileSync(resolveFromRepo('fixtures/bad-cards/_shared/model.zip'), join(dir, 'loose', 'model.zip'));
      return loadCards(dir);
    }

    it('takes expectations.drift field by field over the defaults', () => {
      const [card] = loadScratch((yaml) =>
        yaml.replace('  tolerance:', '  drift:\n    max_abs_diff: 0.001\n  tolerance:'),
      );
      expect(card?.expectations.drift).toEqual({ ...DEFAULT_DRIFT_TOLERANCE, maxAbsDiff: 0.001 });
      const drift = '  drift:\n    min_cosine: 0.99\n    max_abs_diff: 0.01\n    max_time_factor: 7\n  tolerance:';
      const [every] = loadScratch((yaml) => yaml.replace('  tolerance:', drift));
      expect(every?.expectations.drift).toEqual({
        ...DEFAULT_DRIFT_TOLERANCE,
        minCosine: 0.99,
        maxAbsDiff: 0.01,
        maxTimeFactor: 7,
      });
    });

    it('leaves out what the card does not say (no undefined-valued keys in the loaded card)', () => {
      const [card] = loadScratch((yaml) => yaml);
      expect(card).not.toHaveProperty('reference');
      expect(card).not.toHaveProperty('unavailable');
      expect(card?.expectations).not.toHaveProperty('divergenceMaxCosine');
    });

    it('accepts an asymmetric card with only one of the two prefixes', () => {
      for (const prefix of ['query_prefix', 'passage_prefix']) {
        const [card] = loadScratch((yaml) =>
          yaml
            .replace('  model_max_length: 8', `  model_max_length: 8\n  ${prefix}: 'x: '`)
            .replace('asymmetric: false', 'asymmetric: true\n  divergence_max_cosine: 0.99'),
        );
        expect(card?.expectations, prefix).toMatchObject({ asymmetric: true, divergenceMaxCosine: 0.99 });
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('returns no cards for an empty folder and fails clearly for a missing one', () => {
      dir = mkdtempSync(join(tmpdir(), 'omlc-cards-'));
      expect(loadCards(dir)).toEqual([]);
      expect(() => loadCards(join(dir, 'nope'))).toThrowError(
        `${join(dir, 'nope')}: (root): cannot list folder (ENOENT)`,
      );
    });
  });
});
