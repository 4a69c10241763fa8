import type { StoredModelConfig } from '../state/types.ts';
import { SimulatorUnsupportedError, type EmbedRequest, type InferenceBackend } from './backend.ts';

/**
 * Arguments for the ONNX reference implementation (harness/onnx/onnx-reference.ts): the model zip as
 * registered, the stored model_config (pooling, normalize, model_type for token_type_ids, max length) and the
 * final input texts. harness/targets/simulator/inference.ts wires the real function; tests inject a fake.
 */
export interface OnnxEmbedArgs {
  readonly zip: Uint8Array;
  readonly sha256: string;
  readonly modelConfig: StoredModelConfig;
  /** Model inputs, prefixes already applied by the simulator. */
  readonly texts: readonly string[];
  /**
   * The same inputs as sent by the client plus the content type, for implementations that apply the card's
   * prefix themselves (e.g. `OnnxReference.embed(text, contentType)`): use one pair or the other, not both.
   */
  readonly sourceTexts: readonly string[];
  readonly contentType?: 'QUERY' | 'PASSAGE';
}

export interface OnnxBackendOptions {
  readonly embedOnnx: (args: OnnxEmbedArgs) => Promise<number[][]>;
  /** Optional load check at deploy (e.g. open the session, check input names). */
  readonly loadOnnx?: (args: Omit<OnnxEmbedArgs, 'texts' | 'sourceTexts' | 'contentType'>) => Promise<void>;
}

/** Thin adapter: real inference for ONNX artifacts, explicit refusal for anything else. */
export function createOnnxBackend(options: OnnxBackendOptions): InferenceBackend {
  const { embedOnnx, loadOnnx } = options;
  return {
    name: 'onnx',
    embed(request: EmbedRequest): Promise<number[][]> {
      if (request.format !== 'ONNX') {
        return Promise.reject(new SimulatorUnsupportedError(`the ONNX backend cannot run ${request.format} models`));
      }
      return embedOnnx({
        zip: request.artifact,
        sha256: request.sha256,
        modelConfig: request.modelConfig,
        texts: request.texts,
        sourceTexts: request.sourceTexts,
        ...(request.contentType === undefined ? {} : { contentType: request.contentType }),
      });
    },
    ...(loadOnnx === undefined
      ? {}
      : {
          prepare: (request) =>
            request.format === 'ONNX'
              ? loadOnnx({ zip: request.artifact, sha256: request.sha256, modelConfig: request.modelConfig })
              : Promise.resolve(),
        }),
  };
}
