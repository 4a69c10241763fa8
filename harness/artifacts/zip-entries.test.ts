/** What the zip helpers see of an archive: central-directory order, sizes, folders, and only the wanted bytes. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractZipEntries, isRootEntry, listZipEntries, readZipBytes } from './zip-entries.ts';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const ZIP = zipSync({
  'b.txt': text('bee'),
  'dir/': new Uint8Array(),
  'dir/a.onnx': text('twelve bytes'),
  z: text(''),
});

describe('zip entries', () => {
  it('lists every entry in archive order with its uncompressed size and whether it is a folder', () => {
    expect(listZipEntries(ZIP)).toEqual([
      { name: 'b.txt', size: 3, isDirectory: false },
      { name: 'dir/', size: 0, isDirectory: true },
      { name: 'dir/a.onnx', size: 12, isDirectory: false },
      { name: 'z', size: 0, isDirectory: false },
    ]);
  });

  it('reads an archive from a file path as well as from bytes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omlc-zip-entries-'));
    try {
      const file = path.join(dir, 'm.zip');
      writeFileSync(file, ZIP);
      expect(readZipBytes(file)).toEqual(ZIP);
      expect(readZipBytes(ZIP)).toBe(ZIP);
      expect(listZipEntries(file).map((entry) => entry.name)).toEqual(['b.txt', 'dir/', 'dir/a.onnx', 'z']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('inflates only the wanted entries', () => {
    const files = extractZipEntries(ZIP, (name) => name.endsWith('.onnx'));
    expect([...files.keys()]).toEqual(['dir/a.onnx']);
    expect(new TextDecoder().decode(files.get('dir/a.onnx'))).toBe('twelve bytes');
  });

  it('counts an entry as top-level only without a slash or backslash in its name', () => {
    expect(isRootEntry('model.onnx')).toBe(true);
    expect(isRootEntry('model/model.onnx')).toBe(false);
    expect(isRootEntry('model\\model.onnx')).toBe(false);
    expect(isRootEntry('a\\b\\c.onnx')).toBe(false);
  });
});
