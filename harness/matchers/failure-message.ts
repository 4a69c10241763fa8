/** Test helper: the message of the assertion error `assertion` throws (fails the test when it does not throw). */
import { errorMessage } from '../errors/error-message.ts';
export function failureMessage(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return errorMessage(error);
  }
  throw new Error('expected the assertion to fail, but it passed');
}
