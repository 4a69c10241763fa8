/**
 * Turns a call that should fail into data the suites can assert on: the HTTP status and ML Commons' reason texts.
 * A call that succeeds, or fails with something other than an HTTP error, is reported as such.
 */
import { MlHttpError } from '../ml/errors.ts';

export interface HttpFailure {
  readonly outcome: 'http-error';
  readonly status: number;
  /** The main reason plus every nested cause, joined: assertions use `toContain`. */
  readonly reasons: string;
}

export type CallOutcome = HttpFailure | { readonly outcome: 'succeeded'; readonly value: unknown };

export async function outcomeOf(call: Promise<unknown>): Promise<CallOutcome> {
  try {
    return { outcome: 'succeeded', value: await call };
  } catch (error) {
    if (error instanceof MlHttpError) {
      const all = [error.reason, ...error.reasons].filter((r): r is string => r !== undefined);
      return { outcome: 'http-error', status: error.status, reasons: [...new Set(all)].join(' | ') };
    }
    throw error;
  }
}

/** `gone` for a 404, `present` when the GET succeeds; anything else is thrown. */
export async function presence(lookup: Promise<unknown>): Promise<'gone' | 'present'> {
  const result = await outcomeOf(lookup);
  if (result.outcome === 'succeeded') {
    return 'present';
  }
  if (result.status === 404) {
    return 'gone';
  }
  throw new Error(`expected 200 or 404, got ${result.status}: ${result.reasons}`);
}
