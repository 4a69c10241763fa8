import { createHash } from 'node:crypto';

/** Lowercase hex, as ML Commons computes it (`ModelHelper.calculateFileHash`) and compares it, case-sensitively. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
