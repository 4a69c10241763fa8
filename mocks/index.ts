/**
 * Public surface of the ML Commons simulator. Everything a suite or the lead's target wiring needs is exported
 * here; the rest of `mocks/` is internal.
 */
export { createSimulator, type Simulator, type SimulatorOptions } from './simulator.ts';
export { startSimulatorServer } from './server.ts';
export { DEFAULT_DELAYS, type Delays, type NodeIdentity } from './context.ts';
export { manualClock, systemClock, type Clock } from './clock.ts';
export { PROFILES, PROFILE_IDS, getProfile, listInferred, profileForVersion } from './profiles/index.ts';
export type { ErrorSpec, HttpErrorKey, Profile, ProfileFeatures, ProfileId, TaskErrorTexts } from './profiles/index.ts';
export { UNSUPPORTED_PREFIX } from './profiles/common.ts';
export { FaultController } from './faults/controller.ts';
export type * from './faults/types.ts';
export { ClusterSettings, type NodeSettingsInput, type SettingsScope } from './settings/cluster-settings.ts';
export { DEFAULT_TRUSTED_URL_REGEX } from './settings/registry.ts';
export { Store } from './state/store.ts';
export type * from './state/types.ts';
export { noInference, SimulatorUnsupportedError } from './inference/backend.ts';
export type { EmbedRequest, InferenceBackend, PrepareRequest } from './inference/backend.ts';
export { buildGoldens, createGoldenBackend, goldenSet } from './inference/golden-backend.ts';
export type { GoldenEmbeddings, GoldenProbe, GoldenSet, GoldenSource } from './inference/golden-backend.ts';
export { createOnnxBackend, type OnnxBackendOptions, type OnnxEmbedArgs } from './inference/onnx-backend.ts';
export { createRoutingBackend } from './inference/routing-backend.ts';
export { defaultFetchArtifact, ArtifactHttpError } from './artifact/fetch-artifact.ts';
export { listZipEntries, verifyModelZip } from './artifact/zip-lint.ts';
export { sha256Hex } from './artifact/sha256.ts';
export { assertInterception, InterceptionError } from './sentinel/assert-interception.ts';
export type {
  InterceptionCheckOptions,
  InterceptionReport,
  InterceptionTransport,
} from './sentinel/assert-interception.ts';
export { SENTINEL_PATH } from './handlers/sentinel.ts';
