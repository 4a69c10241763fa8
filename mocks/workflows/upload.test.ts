import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors.ts';
import type { ModelRecord } from '../state/types.ts';
import { chunksOf, MAX_CHUNK_BYTES, parseChunkNumber } from './upload.ts';

describe('parseChunkNumber (Integer.parseInt of the path segment)', () => {
  it.for([
    ['0', 0],
    ['7', 7],
    ['+3', 3],
    ['-1', -1],
    ['007', 7],
    ['2147483647', 2 ** 31 - 1],
    ['-2147483648', -(2 ** 31)],
  ] as const)('reads %s as %d', ([raw, expected]) => {
    expect(parseChunkNumber(raw)).toBe(expected);
  });

  it.for(['', 'x', '1x', 'x1', '1.0', ' 1', '2147483648', '-2147483649', '99999999999999999999'])(
    'refuses %j with a 400',
    (raw) => {
      let thrown: unknown;
      try {
        parseChunkNumber(raw);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HttpError);
      expect(thrown).toMatchObject({ key: 'chunkNumberInvalid', vars: { value: raw } });
    },
  );
});

function urlModel(artifact?: Uint8Array): ModelRecord {
  return {
    id: 'm1',
    doc: { name: 'm', model_state: 'REGISTERED' } as ModelRecord['doc'],
    version: 1,
    loadedOn: new Set(),
    deployGeneration: 0,
    ...(artifact === undefined ? {} : { artifact }),
  };
}

describe('chunksOf', () => {
  it('derives the chunk documents of a URL-registered model from its artifact, 10,000,000 bytes each', () => {
    const artifact = new Uint8Array(2 * MAX_CHUNK_BYTES + 5).map((_, i) => i % 251);
    const model = urlModel(artifact);
    const chunks = chunksOf(model);
    expect([...chunks.keys()]).toEqual([0, 1, 2]);
    expect(chunks.get(0)).toEqual(artifact.subarray(0, MAX_CHUNK_BYTES));
    expect(chunks.get(1)).toEqual(artifact.subarray(MAX_CHUNK_BYTES, 2 * MAX_CHUNK_BYTES));
    expect(chunks.get(2)).toEqual(artifact.subarray(2 * MAX_CHUNK_BYTES));
    expect(chunksOf(model)).toBe(chunks);
  });

  it('gives an artifact of exactly one chunk one document', () => {
    expect([...chunksOf(urlModel(new Uint8Array(MAX_CHUNK_BYTES))).keys()]).toEqual([0]);
  });

  it('has no chunks for a model without an artifact, and keeps the chunks an upload stored', () => {
    expect(chunksOf(urlModel()).size).toBe(0);
    const uploaded = urlModel(new Uint8Array(3));
    uploaded.chunks = new Map([[4, new Uint8Array(1)]]);
    expect([...chunksOf(uploaded).keys()]).toEqual([4]);
  });
});
