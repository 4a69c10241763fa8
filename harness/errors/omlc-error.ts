/**
 * The base of every error the harness raises on purpose. `code` is machine-readable, so a caller can turn a known
 * refusal (a missing prerequisite, a bad variable, a refused request) into a skip reason, a retry or a precise
 * message without matching on text; the message is what a person reads. Subclasses narrow `code` to their own union
 * and set `name`, which the stack trace and Vitest show.
 */
export class OmlcError<Code extends string = string> extends Error {
  override name = 'OmlcError';
  readonly code: Code;

  constructor(code: Code, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** `error` is an instance of `type` (and has `code`, when given). */
export function isCodedError<E extends OmlcError>(
  error: unknown,
  type: abstract new (...args: never[]) => E,
  code?: E['code'],
): error is E {
  return error instanceof type && (code === undefined || error.code === code);
}
