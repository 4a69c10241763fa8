/**
 * Public surface of the ML Commons simulator: what the simulator target (harness/targets/simulator) and the
 * recordings test use. The rest of `mocks/` is internal; the profile list is imported from `profiles/index.ts`
 * directly so that loading the Vitest config does not load the simulator.
 */
export { createSimulator, type Simulator, type SimulatorOptions } from './simulator.ts';
export { startSimulatorServer } from './server.ts';
export { profileForVersion, type HttpErrorKey, type ProfileId } from './profiles/index.ts';
export { FaultController } from './faults/controller.ts';
export type * from './faults/types.ts';
export type { InferenceBackend } from './inference/backend.ts';
export { buildGoldens, createGoldenBackend, type GoldenSource } from './inference/golden-backend.ts';
export { createOnnxBackend, type OnnxEmbedArgs } from './inference/onnx-backend.ts';
export { createRoutingBackend } from './inference/routing-backend.ts';
export { assertInterception } from './sentinel/assert-interception.ts';
