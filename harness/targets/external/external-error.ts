/**
 * Why the external target did not start. The first line of the message is what every live check fails with
 * (global-setup keeps it as `failure`), so it always names the cluster and the fix; details follow on later lines.
 */
import { OmlcError } from '../../errors/omlc-error.ts';

/** `connection`: TLS/protocol/DNS mistakes; `auth`: 401/403; `readiness`: deadline or not OpenSearch. */
export type ExternalErrorCode = 'connection' | 'auth' | 'readiness' | 'preflight';

export class ExternalTargetError extends OmlcError<ExternalErrorCode> {
  override name = 'ExternalTargetError';
}
