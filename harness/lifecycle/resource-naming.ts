/**
 * Names of everything the harness creates on a cluster: `omlc-<runId>-<scope>-<purpose>`. The run id sits right after
 * a fixed prefix so the leak audit finds a run's leftovers with one prefix query on `name.keyword`.
 */
import { createHash } from 'node:crypto';
import { assertRunId } from './run-id.ts';

const NAME_PREFIX = 'omlc-';
/** Model and group names are keyword-indexed with `ignore_above: 256`; stay far below, and readable in reports. */
export const MAX_NAME_LENGTH = 96;

/** `omlc-<runId>-`: every resource of the run starts with it, and no other run's names do. */
export function runIdPrefix(runId: string): string {
  return `${NAME_PREFIX}${assertRunId(runId)}-`;
}

/**
 * `resourceName('r20261123t040512-3fa9', 'MiniLM L6', 'group')` → `omlc-r20261123t040512-3fa9-minilm-l6-group`.
 * Too-long names keep the prefix and end with a short hash of the full name, so they stay unique.
 */
export function resourceName(runId: string, scope: string, purpose: string): string {
  const prefix = runIdPrefix(runId);
  const tail = [slug(scope), slug(purpose)].filter((part) => part !== '').join('-') || 'resource';
  const full = `${prefix}${tail}`;
  if (full.length <= MAX_NAME_LENGTH) {
    return full;
  }
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  const room = MAX_NAME_LENGTH - prefix.length - hash.length - 1;
  return `${prefix}${tail.slice(0, room).replace(/-+$/, '')}-${hash}`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
