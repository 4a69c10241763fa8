import type { ModelFormat } from '../state/types.ts';
import { SimulatorUnsupportedError, type InferenceBackend } from './backend.ts';

/**
 * Dispatches by model format, e.g. `{ ONNX: onnxBackend, TORCH_SCRIPT: goldenBackend }`: real inference where
 * the simulator can run the artifact, goldens where it cannot.
 */
export function createRoutingBackend(routes: Partial<Record<ModelFormat, InferenceBackend>>): InferenceBackend {
  const pick = (format: ModelFormat): InferenceBackend => {
    const backend = routes[format];
    if (backend === undefined) {
      throw new SimulatorUnsupportedError(`no inference backend is configured for ${format} models`);
    }
    return backend;
  };
  return {
    name: Object.entries(routes)
      .map(([format, backend]) => `${format}:${backend.name}`)
      .join(','),
    embed: async (request) => pick(request.format).embed(request),
    prepare: async (request) => {
      const backend = routes[request.format];
      await backend?.prepare?.(request);
    },
  };
}
