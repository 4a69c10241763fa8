import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveFromRepo } from '../models/repo-paths.ts';
import { digestFile, digestFileSync, sha256File } from './file-digest.ts';

const FILE = resolveFromRepo('fixtures/bad-cards/_shared/model.zip');
const BYTES = readFileSync(FILE);
const EXPECTED = { sha256: createHash('sha256').update(BYTES).digest('hex'), size: BYTES.length };

describe('file digests', () => {
  it('agree between the async, sync and sha-only variants', async () => {
    expect(await digestFile(FILE)).toEqual(EXPECTED);
    expect(digestFileSync(FILE)).toEqual(EXPECTED);
    expect(await sha256File(FILE)).toBe(EXPECTED.sha256);
    expect(EXPECTED.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fail for a missing file', async () => {
    await expect(digestFile(`${FILE}.missing`)).rejects.toThrowError(/ENOENT/);
    expect(() => digestFileSync(`${FILE}.missing`)).toThrowError(/ENOENT/);
  });
});
