/**
 * Request bodies the harness sends. Optional fields really are optional on the wire: negative checks leave out
 * `model_content_hash_value` or `embedding_dimension` on purpose to observe the server's validation.
 */

export type ModelFormat = 'TORCH_SCRIPT' | 'ONNX';
export type FrameworkType = 'sentence_transformers' | 'huggingface_transformers' | 'huggingface_transformers_neuron';
export type PoolingMode = 'mean' | 'mean_sqrt_len' | 'max' | 'weighted_mean' | 'cls' | 'last_token' | 'none';

export interface TextEmbeddingModelConfig {
  readonly model_type?: string;
  readonly embedding_dimension?: number;
  readonly framework_type?: FrameworkType | (string & {});
  readonly pooling_mode?: PoolingMode | (string & {});
  readonly normalize_result?: boolean;
  readonly model_max_length?: number;
  readonly query_prefix?: string;
  readonly passage_prefix?: string;
  readonly all_config?: string;
}

export interface RegisterModelRequest {
  readonly name: string;
  readonly version?: string;
  readonly model_group_id?: string;
  readonly description?: string;
  readonly function_name?: string;
  readonly model_format?: ModelFormat | (string & {});
  readonly model_content_hash_value?: string;
  readonly url?: string;
  readonly model_config?: TextEmbeddingModelConfig;
}

/** `POST /_plugins/_ml/models/_register_meta`: the first step of a chunked upload (no `url`). */
export interface RegisterModelMetaRequest {
  readonly name: string;
  /** Ignored by ML Commons (the model takes the group's next version); sent for symmetry with URL registration. */
  readonly version?: string;
  readonly model_group_id?: string;
  readonly description?: string;
  readonly function_name?: string;
  readonly model_format?: ModelFormat | (string & {});
  readonly model_content_hash_value?: string;
  readonly model_content_size_in_bytes?: number;
  readonly total_chunks?: number;
  readonly model_config?: TextEmbeddingModelConfig;
}

export interface RegisterModelGroupRequest {
  readonly name: string;
  readonly description?: string;
}

export type ContentType = 'query' | 'passage';

export interface PredictRequest {
  readonly text_docs: readonly string[];
  readonly target_response?: readonly string[];
  /** Asymmetric models (2.14+): which prefix to apply. */
  readonly parameters?: { readonly content_type?: ContentType | (string & {}) };
  readonly return_number?: boolean;
}

/** Which REST route a predict goes through; both exist on every supported version. */
export type PredictRoute = 'text_embedding' | 'model';

/** Bodies for `_search` on ML indices (OpenSearch query DSL, left open on purpose). */
export interface SearchRequest {
  readonly query?: Record<string, unknown>;
  readonly size?: number;
  readonly from?: number;
  readonly sort?: unknown;
  readonly _source?: unknown;
}
