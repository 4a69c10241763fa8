/** A card's reference.json checked against the card: syntax, shape, kinds for its symmetry, probes and lengths. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardDocument } from './card-schema.ts';
import { loadReference } from './load-reference.ts';

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'omlc-load-reference-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function card(asymmetric: boolean, withReference = true): CardDocument {
  return {
    expectations: { dimension: 2, asymmetric },
    probes: [
      { id: 'a', text: 'A' },
      { id: 'b', text: 'B' },
    ],
    ...(withReference ? { reference: 'reference.json' } : {}),
  } as unknown as CardDocument;
}

function load(json: string, asymmetric = false) {
  const file = path.join(dir, 'reference.json');
  writeFileSync(file, json);
  const result = loadReference(card(asymmetric), dir, 'card.yaml');
  return { file, result, reasons: result.issues.map((issue) => `${issue.path}: ${issue.reason}`) };
}

describe('loadReference', () => {
  it('has nothing to load without a reference', () => {
    expect(loadReference(card(false, false), dir, 'card.yaml')).toEqual({ issues: [] });
  });

  it('returns the vectors of the kinds the card needs, with the generator when named', () => {
    const plain = { a: [1, 0], b: [0, 1] };
    const { file, result } = load(JSON.stringify({ generator: 'gen 1', embeddings: { plain } }));
    expect(result).toEqual({ reference: { path: file, generator: 'gen 1', plain }, issues: [] });
    const asym = load(JSON.stringify({ embeddings: { query: plain, passage: plain } }), true);
    expect(asym.result).toEqual({ reference: { path: asym.file, query: plain, passage: plain }, issues: [] });
  });

  it('reports a syntax error and a wrong shape in the reference file itself', () => {
    const broken = load('{"embeddings": ');
    expect(broken.result.issues[0]?.file).toMatch(/reference\.json$/);
    expect(broken.reasons[0]).toMatch(/^\(root\): JSON syntax error: /);
    expect(load(JSON.stringify({ embeddings: { other: {} } })).reasons).toEqual(['embeddings.other: unknown field']);
  });

  it('asks for the kinds of the card’s symmetry only, every probe, the right length and no unknown probe', () => {
    const plain = { a: [1, 0], b: [0, 1] };
    expect(load(JSON.stringify({ embeddings: { plain, query: plain } })).reasons).toEqual([
      'embeddings.query: not expected for a symmetric card',
    ]);
    expect(load(JSON.stringify({ embeddings: { plain } }), true).reasons).toEqual([
      'embeddings.plain: not expected for an asymmetric card',
      'embeddings.query: required for an asymmetric card',
      'embeddings.passage: required for an asymmetric card',
    ]);
    expect(load(JSON.stringify({ embeddings: { plain: { a: [1], c: [1, 1] } } })).reasons).toEqual([
      'embeddings.plain.a: has 1 values, expected 2 (expectations.dimension)',
      'embeddings.plain.b: missing (card.yaml has probe "b")',
      'embeddings.plain.c: no probe with this id in card.yaml',
    ]);
  });
});
