/** Test helper: the message of the assertion error `assertion` throws (fails the test when it does not throw). */
export function failureMessage(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected the assertion to fail, but it passed');
}
