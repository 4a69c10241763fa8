/**
 * Asserts that one `_bulk` item was refused the way the documented behaviour says: the item's status and a reason
 * (its own or a nested `caused_by`) containing the expected text. `_bulk` itself answers 200 with `errors: true`.
 */
import { expect } from 'vitest';
import type { Behaviour } from '../checks/expected-behaviour.ts';
import type { BulkItem } from '../neural/neural-schemas.ts';

export function itemReasons(item: BulkItem): string[] {
  const reasons: string[] = [];
  for (let cause: unknown = item.error; cause !== null && typeof cause === 'object';) {
    const { reason, caused_by: next } = cause as { reason?: unknown; caused_by?: unknown };
    if (typeof reason === 'string') {
      reasons.push(reason);
    }
    cause = next;
  }
  return reasons;
}

export function expectItemRefusal(item: BulkItem | undefined, expected: Behaviour): void {
  expect(item?.error, `the _bulk item should have been refused (got ${JSON.stringify(item)})`).toBeDefined();
  const reasons = item === undefined ? [] : itemReasons(item);
  expect(item?.status, `item status (reasons: ${reasons.join(' / ')})`).toBe(expected.status);
  expect(reasons.join('\n')).toContain(expected.text);
}
