import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { card, recording } from '../drift/testing/recordings.ts';
import { BaselineError } from './baseline-error.ts';
import type { BaselineFile } from './baseline-schema.ts';
import { buildBaseline, writeBaseline } from './build-baseline.ts';
import { loadBaseline, parseBaseline } from './load-baseline.ts';

const dir = mkdtempSync(join(tmpdir(), 'omlc-baseline-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function validBaseline(): BaselineFile {
  return buildBaseline({
    runId: 'run-1',
    recordedAt: new Date('2026-12-02T10:00:00Z'),
    recording: recording('live:2.19.6', '2.19.6', [card()]),
    checks: [
      {
        suite: 'lifecycle',
        card: 'tiny-onnx-sym',
        check: 'lifecycle.deploy',
        status: 'passed',
        timings: [{ phase: 'deploy', wallMs: 900, ok: true }],
      },
      {
        suite: 'lifecycle',
        card: 'tiny-onnx-sym',
        check: 'lifecycle.reference',
        variant: 'short',
        status: 'failed',
        message: 'cosine 0.5',
      },
    ],
  });
}

/** The `<file>: <path>: <reason>` lines a broken baseline produces. */
function problems(mutate: (raw: Record<string, unknown>) => void): string[] {
  const raw = JSON.parse(JSON.stringify(validBaseline())) as Record<string, unknown>;
  mutate(raw);
  try {
    parseBaseline(JSON.stringify(raw), 'b.json');
  } catch (error) {
    expect(error).toBeInstanceOf(BaselineError);
    return (error as BaselineError).message.split('\n');
  }
  throw new Error('expected the baseline to be refused');
}

const cards = (raw: Record<string, unknown>): Record<string, unknown>[] => raw['cards'] as Record<string, unknown>[];
const firstEmbedding = (raw: Record<string, unknown>): Record<string, unknown> =>
  (cards(raw)[0]?.['embeddings'] as Record<string, unknown>[])[0] ?? {};

describe('baseline files', () => {
  it('round-trips: what record writes, compare reads back unchanged', async () => {
    const path = join(dir, 'sub', 'prod-2.19.json');
    const baseline = validBaseline();
    await writeBaseline(path, baseline);
    const loaded = loadBaseline(path, dir);
    expect(loaded.file).toBe(join('sub', 'prod-2.19.json'));
    expect(loaded.source).toEqual({ label: 'baseline sub/prod-2.19.json (native 2.19.6)', version: '2.19.6' });
    expect(loaded.cards.get('tiny-onnx-sym')).toEqual(baseline.cards[0]);
    expect(loaded.checks).toEqual(baseline.checks);
    // Outside the working directory the absolute path names the file.
    expect(loadBaseline(path, join(dir, 'elsewhere')).file).toBe(path);
  });

  it('sorts cards and checks so two recordings of the same run diff cleanly', () => {
    const baseline = buildBaseline({
      runId: 'r',
      recordedAt: new Date(0),
      recording: recording('p', '3.6.0', [card({ id: 'z-card' }), card({ id: 'a-card' })]),
      checks: [
        { suite: 's', card: 'z', check: 'c', status: 'passed' },
        { suite: 's', card: 'a', check: 'c', status: 'passed' },
      ],
    });
    expect(baseline.cards.map((c) => c.id)).toEqual(['a-card', 'z-card']);
    expect(baseline.checks.map((c) => c.card)).toEqual(['a', 'z']);
  });

  it('refuses to write a baseline that could not be read back', async () => {
    const broken = {
      ...validBaseline(),
      cards: [
        card({ embeddings: [{ probe: 'p', contentType: 'plain', dtype: 'FLOAT32', shape: [3], vector: [1, 2] }] }),
      ],
    };
    await expect(writeBaseline(join(dir, 'broken.json'), broken as BaselineFile)).rejects.toThrow(
      /cards\[0\]\.embeddings\[0\]\.vector: has 2 values but shape \[3\] needs 3/,
    );
  });

  it.each([
    [
      'a missing field',
      (raw: Record<string, unknown>) => delete (raw['cluster'] as Record<string, unknown>)['version'],
      'b.json: cluster.version: required field is missing',
    ],
    [
      'an unknown field',
      (raw: Record<string, unknown>) => (firstEmbedding(raw)['norm'] = 1),
      'b.json: cards[0].embeddings[0].norm: unknown field',
    ],
    [
      'a wrong type',
      (raw: Record<string, unknown>) => (firstEmbedding(raw)['vector'] = 'x'),
      'b.json: cards[0].embeddings[0].vector: expected array, got string "x"',
    ],
    [
      'a bad content type',
      (raw: Record<string, unknown>) => (firstEmbedding(raw)['contentType'] = 'document'),
      'b.json: cards[0].embeddings[0].contentType: expected one of "plain", "query", "passage", got string "document"',
    ],
    [
      'a bad sha256',
      (raw: Record<string, unknown>) => ((cards(raw)[0] ?? {})['sha256'] = 'abc'),
      'b.json: cards[0].sha256: must be 64 lowercase hex characters',
    ],
    [
      'a vector that does not fit its shape',
      (raw: Record<string, unknown>) => (firstEmbedding(raw)['shape'] = [5]),
      'b.json: cards[0].embeddings[0].vector: has 4 values but shape [5] needs 5',
    ],
    [
      'a duplicate card',
      (raw: Record<string, unknown>) => cards(raw).push({ ...cards(raw)[0] }),
      'b.json: cards[1].id: duplicate card id "tiny-onnx-sym" (first at cards[0])',
    ],
    [
      'a duplicate probe',
      (raw: Record<string, unknown>) => (cards(raw)[0]?.['embeddings'] as unknown[]).push(firstEmbedding(raw)),
      'b.json: cards[0].embeddings[2].probe: duplicate probe short/plain (first at embeddings[0])',
    ],
  ])('names the field path of %s', (_what, mutate, expected) => {
    expect(problems(mutate)).toContain(expected);
  });

  it('refuses another format version with the version it reads', () => {
    expect(problems((raw) => (raw['format'] = 'opensearch-ml-conformance/baseline@2'))).toEqual([
      'b.json: format: opensearch-ml-conformance/baseline@2 is not supported by this version (it reads opensearch-ml-conformance/baseline@1)',
    ]);
  });

  it('reports invalid JSON and a missing file as one line each', () => {
    expect(() => parseBaseline('{"format":', 'b.json')).toThrow(/^b\.json: \(root\): not valid JSON: /);
    expect(() => loadBaseline(join(dir, 'nope.json'), dir)).toThrow('nope.json: (root): file not found');
  });

  it('lists every problem at once', () => {
    const lines = problems((raw) => {
      delete raw['runId'];
      firstEmbedding(raw)['shape'] = [];
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        'b.json: runId: required field is missing',
        'b.json: cards[0].embeddings[0].shape: must not be empty',
      ]),
    );
  });
});

describe('a baseline written by hand', () => {
  it('loads when it has every field', () => {
    const path = join(dir, 'hand.json');
    writeFileSync(path, JSON.stringify(validBaseline()));
    expect(loadBaseline(path).cards.size).toBe(1);
  });
});
