/**
 * The run's inputs — model cards, negative artifacts — validated once, by the first global setup, before any target
 * starts: a bad card must cost one message and no cluster start, not a failure per test file (where suites would
 * otherwise meet it, while collecting tests). What the error says is the loaders' path-precise text.
 */
import { errorMessage } from '../errors/error-message.ts';
import { conformanceCards, negativeCases } from '../suite/fixtures.ts';

/** The problem with this run's inputs (what the suites would meet), or undefined when they are fine. */
export function runInputsProblem(): string | undefined {
  try {
    conformanceCards();
    negativeCases();
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}
