/**
 * An expected failure — the run was interrupted, the cluster the harness started exited, a card is invalid — is
 * explained by its message; a stack trace and a code frame would only bury it (Vitest prints both for any error whose
 * stack names a source file). This keeps the first line and drops the frames.
 */
export function withoutStack<E extends Error>(error: E): E {
  error.stack = `${error.name}: ${error.message}`;
  return error;
}
