/**
 * In-memory zip access with fflate. Entry order is the central-directory order, which is also the order Java's
 * `ZipFile.entries()` walks, so "first problem found" means the same thing here and in ML Commons.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';

export interface ZipEntryInfo {
  /** Entry name exactly as stored (folders use `/`). */
  readonly name: string;
  /** Uncompressed size in bytes. */
  readonly size: number;
  readonly isDirectory: boolean;
}

export type ZipSource = string | Uint8Array;

export function readZipBytes(source: ZipSource): Uint8Array {
  return typeof source === 'string' ? new Uint8Array(readFileSync(source)) : source;
}

export function listZipEntries(source: ZipSource): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  // The filter sees every entry before inflation; returning false keeps listing cheap for large models.
  unzipSync(readZipBytes(source), {
    filter: (file) => {
      entries.push({ name: file.name, size: file.originalSize, isDirectory: file.name.endsWith('/') });
      return false;
    },
  });
  return entries;
}

/** Inflates only the entries whose names pass `wanted`. */
export function extractZipEntries(source: ZipSource, wanted: (name: string) => boolean): Map<string, Uint8Array> {
  const files = unzipSync(readZipBytes(source), { filter: (file) => wanted(file.name) });
  return new Map(Object.entries(files));
}

export function isRootEntry(name: string): boolean {
  return !name.replaceAll('\\', '/').includes('/');
}
