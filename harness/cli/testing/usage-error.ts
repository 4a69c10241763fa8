/** The message of the UsageError `run` throws; fails the test when it throws anything else or nothing. */
import { expect } from 'vitest';
import { UsageError } from '../cli-args.ts';

export function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}
