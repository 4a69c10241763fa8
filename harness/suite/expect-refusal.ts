/**
 * Asserts that a call was refused the way ML Commons documents for the target's version: the HTTP status and a
 * reason text containing the expected one (ML Commons wraps some causes, so every nested reason is searched).
 */
import { expect } from 'vitest';
import type { Behaviour } from '../checks/expected-behaviour.ts';
import type { CallOutcome } from './http-outcome.ts';

export function expectRefusal(outcome: CallOutcome, expected: Behaviour): void {
  expect(outcome, 'the call should have been refused').toMatchObject({ outcome: 'http-error' });
  if (outcome.outcome !== 'http-error') {
    return;
  }
  expect(outcome.status, `HTTP status (reasons: ${outcome.reasons})`).toBe(expected.status);
  expect(outcome.reasons).toContain(expected.text);
}
