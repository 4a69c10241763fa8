/** `prepared:` artifacts resolved directly: digest checks, size checks and unreadable manifests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupPreparedArtifact, preparedExportDir } from './prepared-artifact.ts';
import { resolvePrepared } from './resolve-prepared.ts';

const SOURCE = 'all-minilm-l6-v2';
const CARD = 'minilm-l6-onnx';
const SHA = 'ab'.repeat(32);
let cache = '';

beforeEach(() => {
  cache = mkdtempSync(path.join(tmpdir(), 'omlc-prepared-'));
});

afterEach(() => {
  rmSync(cache, { recursive: true, force: true });
});

function prepare(files: Record<string, string>, key?: string): string {
  const dir = key === undefined ? preparedExportDir(SOURCE, cache) : preparedExportDir(SOURCE, cache, key);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const manifest = (size: number): string =>
  JSON.stringify({ key: 'k', artifacts: { [CARD]: { file: `${CARD}.zip`, format: 'ONNX', sha256: SHA, size } } });

describe('resolvePrepared', () => {
  it('accepts the prepared zip when the card declares its digest, and refuses another digest', () => {
    const dir = prepare({ 'manifest.json': manifest(3), [`${CARD}.zip`]: 'zip' });
    const artifact = { kind: 'file', path: path.join(dir, `${CARD}.zip`), sha256: SHA, size: 3 };
    expect(resolvePrepared({ artifact: `prepared:${SOURCE}`, sha256: SHA }, CARD, 'card.yaml', cache)).toEqual({
      artifact,
      issues: [],
    });
    const other = 'cd'.repeat(32);
    expect(resolvePrepared({ artifact: `prepared:${SOURCE}`, sha256: other }, CARD, 'card.yaml', cache)).toEqual({
      issues: [
        {
          file: 'card.yaml',
          path: 'sha256',
          reason: `sha256 ${other} does not match the prepared zip ${artifact.path} (${SHA})`,
        },
      ],
    });
  });

  it('names the zip that would be used when the model is not prepared', () => {
    const result = resolvePrepared({ artifact: `prepared:${SOURCE}` }, CARD, 'card.yaml', cache);
    expect(result.artifact).toEqual({
      kind: 'file',
      path: path.join(preparedExportDir(SOURCE, cache), `${CARD}.zip`),
      sha256: '0'.repeat(64),
      size: 0,
    });
    expect(result.unavailable).toMatch(/^model all-minilm-l6-v2 is not prepared in /);
    expect(result.issues).toEqual([]);
  });
});

describe('lookupPreparedArtifact', () => {
  it('gives the size it found when the zip differs from the manifest', () => {
    const dir = prepare({ 'manifest.json': manifest(9), [`${CARD}.zip`]: 'zip' }, 'key');
    expect(lookupPreparedArtifact(SOURCE, CARD, cache, 'key')).toEqual({
      ok: false,
      reason: `${path.join(dir, `${CARD}.zip`)} is 3 bytes, the manifest says 9 bytes: run scripts/models/prepare.sh (scripts/models/README.md)`,
    });
  });

  it('treats a manifest or failure record that is not JSON, or not the expected shape, as absent', () => {
    const dir = prepare({ 'manifest.json': '{ not json', 'failure.json': '{"stage": 1}' }, 'key');
    expect(lookupPreparedArtifact(SOURCE, CARD, cache, 'key')).toEqual({
      ok: false,
      reason: `model ${SOURCE} is not prepared in ${dir}: run scripts/models/prepare.sh (scripts/models/README.md)`,
    });
  });
});
