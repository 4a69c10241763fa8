import type { ModelFormat, StoredModelConfig } from '../state/types.ts';

/**
 * What the simulator asks an inference backend. `texts` are the final model inputs: the simulator has already
 * applied `query_prefix`/`passage_prefix` the way the emulated ML Commons line does, so a backend never decides
 * about prefixes; `contentType` is passed for backends that key answers by it (goldens).
 */
export interface EmbedRequest {
  readonly artifact: Uint8Array;
  /** SHA-256 of `artifact`, lowercase hex. */
  readonly sha256: string;
  readonly format: ModelFormat;
  readonly modelConfig: StoredModelConfig;
  readonly texts: readonly string[];
  /** The `text_docs` as the client sent them (no prefix), same order as `texts`. */
  readonly sourceTexts: readonly string[];
  /** The content type the prefixes were chosen by; absent when no prefix logic applied. */
  readonly contentType?: 'QUERY' | 'PASSAGE';
}

export type PrepareRequest = Omit<EmbedRequest, 'texts' | 'sourceTexts' | 'contentType'>;

export interface InferenceBackend {
  /** Shown in simulator errors and reports, e.g. `golden`, `onnx`. */
  readonly name: string;
  /** One vector per text, in order. May throw `SimulatorUnsupportedError`. */
  embed(request: EmbedRequest): Promise<number[][]>;
  /**
   * Optional deploy-time check (ML Commons loads the model and runs a warm-up on deploy). A throw makes the deploy
   * fail with the error's message as the node's root cause, as a broken model does on a real node.
   */
  prepare?(request: PrepareRequest): Promise<void>;
}

/**
 * The simulator cannot answer this honestly (a text without golden vectors, a format the backend does not run).
 * It surfaces as HTTP 400 with a reason starting "not supported by the simulator: ", never as made-up numbers.
 */
export class SimulatorUnsupportedError extends Error {
  readonly detail: string;

  constructor(detail: string) {
    super(`not supported by the simulator: ${detail}`);
    this.name = 'SimulatorUnsupportedError';
    this.detail = detail;
  }
}
