/**
 * SHA-256 and size of artifact files. ML Commons compares the lowercase hex digest of the downloaded zip with
 * `model_content_hash_value` using a case-sensitive `equals` (ml-commons-behavior.md §4), so digests are always
 * lowercase hex here.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';

export interface FileDigest {
  readonly sha256: string;
  readonly size: number;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

const CHUNK = 1 << 20;

export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    size += buffer.length;
  }
  return { sha256: hash.digest('hex'), size };
}

export async function sha256File(path: string): Promise<string> {
  return (await digestFile(path)).sha256;
}

/**
 * Synchronous variant for the card loader, which runs while Vitest collects tests (no await possible there).
 * Reads in chunks so a large local model never has to fit in memory.
 */
export function digestFileSync(path: string): FileDigest {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(CHUNK);
    let size = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, null);
      if (read === 0) {
        break;
      }
      hash.update(buffer.subarray(0, read));
      size += read;
    }
    if (size !== fstatSync(fd).size) {
      throw new Error(`${path} changed while it was being hashed`);
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    closeSync(fd);
  }
}
