/**
 * One error type for everything the container target refuses, with a code so a caller can tell a configuration
 * mistake (fix the environment) from a missing runtime (skip or fail the live projects) from a start that went wrong.
 */
import { isCodedError, OmlcError } from '../../errors/omlc-error.ts';

export type ContainerErrorCode =
  | 'bad-env'
  | 'unsupported-version'
  | 'no-runtime'
  | 'start-failed'
  | 'version-mismatch'
  | 'artifacts-unreachable'
  | 'toolchain-missing'
  | 'image-build-failed'
  | 'aborted';

export class ContainerTargetError extends OmlcError<ContainerErrorCode> {
  override name = 'ContainerTargetError';
}

export function isContainerTargetError(error: unknown, code?: ContainerErrorCode): error is ContainerTargetError {
  return isCodedError(error, ContainerTargetError, code);
}
