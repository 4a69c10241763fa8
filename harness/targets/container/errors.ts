/**
 * One error type for everything the container target refuses, with a code so a caller can tell a configuration
 * mistake (fix the environment) from a missing runtime (skip or fail the live projects) from a start that went wrong.
 */
export type ContainerErrorCode =
  | 'bad-env'
  | 'unsupported-version'
  | 'no-runtime'
  | 'start-failed'
  | 'version-mismatch'
  | 'artifacts-unreachable'
  | 'aborted';

export class ContainerTargetError extends Error {
  readonly code: ContainerErrorCode;

  constructor(code: ContainerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ContainerTargetError';
    this.code = code;
  }
}

export function isContainerTargetError(error: unknown, code?: ContainerErrorCode): error is ContainerTargetError {
  return error instanceof ContainerTargetError && (code === undefined || error.code === code);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
