/** Public surface of the native target, as documented in README.md in this folder. */
export { nativeAvailability, type AvailabilityOptions, type NativeAvailability } from './availability.ts';
export { startNativeCluster, type NativeCluster, type NodeExit, type StartNativeOptions } from './cluster.ts';
export { readTail } from './process.ts';
export { isNativeTargetError, NativeTargetError, type NativeErrorCode } from './errors.ts';
export { resolveNativePaths, type NativePaths } from './paths.ts';
export { prepareNativeVersion, type PreparedVersion } from './prepare.ts';
export {
  DEFAULT_NATIVE_VERSION,
  DEFAULT_NATIVE_VERSIONS,
  SERVED_UNTESTED_VERSIONS,
  TESTED_VERSIONS,
  artifactsFor,
  coordinate,
  lineFor,
} from './versions.ts';
export { prepareSecuredVersion, type NativeSecurityOptions, type SecuredAccess } from './secured-run.ts';
export { SECURED_NATIVE_VERSION } from './security-install.ts';
export { generateTestPki, type PkiOptions, type TlsPki } from './tls-certs.ts';
