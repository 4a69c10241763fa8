/** Public surface of the native target (see README.md in this folder): what the live target and the scripts use. */
export { nativeAvailability } from './availability.ts';
export { startNativeCluster, type NativeCluster } from './cluster.ts';
export { resolveNativePaths } from './paths.ts';
export { prepareNativeVersion } from './prepare.ts';
export { DEFAULT_NATIVE_VERSION } from './versions.ts';
export { SECURED_NATIVE_VERSION } from './security-install.ts';
