/** Where a card's or negative case's zip is, checked before any cluster is involved. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveArtifact } from './resolve-artifact.ts';

const FILE = 'card.yaml';
const BYTES = Buffer.from('zip bytes');
const SHA = createHash('sha256').update(BYTES).digest('hex');
const URL_SHA = 'a'.repeat(64);
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'omlc-resolve-artifact-'));
  writeFileSync(path.join(dir, 'model.zip'), BYTES);
  mkdirSync(path.join(dir, 'folder.zip'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const issue = (where: string, reason: string) => ({ issues: [{ file: FILE, path: where, reason }] });
const resolve = (artifact: string, sha256?: string, allowUrl = true) =>
  resolveArtifact({ artifact, ...(sha256 === undefined ? {} : { sha256 }) }, dir, FILE, { allowUrl });

describe('resolveArtifact', () => {
  it('resolves a relative file with its digest and size, checking a declared digest', () => {
    const artifact = { kind: 'file', path: path.join(dir, 'model.zip'), sha256: SHA, size: BYTES.length };
    expect(resolve('model.zip')).toEqual({ artifact, issues: [] });
    expect(resolve('./model.zip', SHA)).toEqual({ artifact, issues: [] });
    expect(resolve('model.zip', URL_SHA)).toEqual(
      issue('sha256', `does not match the artifact (declared ${URL_SHA}, file has ${SHA})`),
    );
  });

  it('refuses a missing file and a folder', () => {
    expect(resolve('gone.zip').issues[0]?.reason).toMatch(/^file not found: .*gone\.zip$/);
    expect(resolve('folder.zip').issues[0]?.reason).toMatch(/^not a file: .*folder\.zip$/);
  });

  it('takes an http(s) URL with a declared digest, in any letter case', () => {
    expect(resolve('https://example.org/m.zip', URL_SHA)).toEqual({
      artifact: { kind: 'url', url: 'https://example.org/m.zip', sha256: URL_SHA },
      issues: [],
    });
    expect(resolve('HTTP://example.org/m.zip', URL_SHA).artifact).toMatchObject({ kind: 'url' });
    expect(resolve('https://example.org/m.zip')).toEqual(issue('sha256', 'required when artifact is a URL'));
    expect(resolve('http://exa mple.org/[', URL_SHA)).toEqual(
      issue('artifact', 'not a valid URL: "http://exa mple.org/["'),
    );
  });

  it('refuses URLs where only committed files are allowed, other schemes and absolute paths', () => {
    expect(resolve('https://example.org/m.zip', URL_SHA, false)).toEqual(
      issue('artifact', 'must be a path relative to this folder (negative artifacts are committed)'),
    );
    const relativeOnly = issue('artifact', 'must be a path relative to the card folder or an http(s) URL');
    expect(resolve('ftp://example.org/m.zip')).toEqual(relativeOnly);
    expect(resolve('s3+x.y-z:bucket/m.zip')).toEqual(relativeOnly);
    expect(resolve(path.join(dir, 'model.zip'))).toEqual(relativeOnly);
    expect(resolve('httpsx//model.zip').issues[0]?.reason).toMatch(/^file not found/);
  });
});
