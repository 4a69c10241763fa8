import { expect, it } from 'vitest';
import { failureMessage } from './failure-message.ts';

it('fails the calling test when the assertion it was given passes', () => {
  expect(() => failureMessage(() => undefined)).toThrow('expected the assertion to fail, but it passed');
  expect(
    failureMessage(() => {
      throw new Error('boom');
    }),
  ).toBe('boom');
});
