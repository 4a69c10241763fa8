import { randomBytes } from 'node:crypto';

/**
 * Identifier shapes copied from real clusters: document ids are 20 characters of base64url (OpenSearch's
 * time-based UUIDs, e.g. `vN6UBqIBwydTHp5wtMng`), node and cluster ids 22 (`UNH3FzMzQ2qBQuJV2Q3DwA`).
 */
export function documentId(): string {
  return randomBytes(15).toString('base64url');
}

export function nodeId(): string {
  return randomBytes(16).toString('base64url');
}
