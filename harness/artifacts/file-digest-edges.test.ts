/** Digest edge cases: files larger than one read chunk, a file whose size changes while hashed, the hex pattern. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHA256_HEX, digestFile, digestFileSync } from './file-digest.ts';

describe('file digests beyond one chunk', () => {
  it('hash every byte of a file spanning several reads, the last one partial', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omlc-digest-'));
    try {
      const bytes = Buffer.alloc((1 << 20) * 2 + 123);
      for (let i = 0; i < bytes.length; i += 1) {
        bytes[i] = (i * 31) % 251;
      }
      const file = path.join(dir, 'big.bin');
      writeFileSync(file, bytes);
      const expected = { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
      expect(digestFileSync(file)).toEqual(expected);
      expect(await digestFile(file)).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(process.platform === 'linux')(
    'refuses a file whose size differs from what was read (procfs reports 0 bytes)',
    () => {
      expect(() => digestFileSync('/proc/self/status')).toThrowError(
        '/proc/self/status changed while it was being hashed',
      );
    },
  );
});

describe('digestFileSync', () => {
  it.runIf(process.platform === 'linux')('closes its file descriptor, also when it throws', () => {
    const open = (): number => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 5; i += 1) {
      digestFileSync('/etc/hostname');
      expect(() => digestFileSync('/proc/self/status')).toThrow();
    }
    expect(open()).toBe(before);
  });
});

describe('SHA256_HEX', () => {
  it('accepts exactly 64 lowercase hex characters', () => {
    expect(SHA256_HEX.test('0123456789abcdef'.repeat(4))).toBe(true);
    expect(SHA256_HEX.test('A'.repeat(64))).toBe(false);
    expect(SHA256_HEX.test('g'.repeat(64))).toBe(false);
    expect(SHA256_HEX.test('a'.repeat(63))).toBe(false);
    expect(SHA256_HEX.test('a'.repeat(65))).toBe(false);
    expect(SHA256_HEX.test(`x${'a'.repeat(64)}`)).toBe(false);
    expect(SHA256_HEX.test(`${'a'.repeat(64)}x`)).toBe(false);
  });
});
