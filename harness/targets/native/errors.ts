/**
 * One error type for everything the native target can refuse, with a machine-readable code so callers (the target
 * resolver, the start script) can turn a missing prerequisite into a skip reason instead of a stack trace.
 */
import { isCodedError, OmlcError } from '../../errors/omlc-error.ts';

export type NativeErrorCode =
  | 'unsupported-platform'
  | 'unsupported-version'
  | 'artifact-unavailable'
  | 'mvn-missing'
  | 'mvn-failed'
  | 'java-missing'
  | 'toolchain-missing'
  | 'install-failed'
  | 'work-dir-not-accessible'
  | 'start-failed'
  | 'readiness-timeout'
  | 'aborted';

export class NativeTargetError extends OmlcError<NativeErrorCode> {
  override name = 'NativeTargetError';
}

export function isNativeTargetError(error: unknown, code?: NativeErrorCode): error is NativeTargetError {
  return isCodedError(error, NativeTargetError, code);
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new NativeTargetError('aborted', 'native cluster start aborted', { cause: signal.reason });
  }
}
