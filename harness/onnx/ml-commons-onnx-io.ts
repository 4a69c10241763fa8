/**
 * What ML Commons' ONNX text-embedding translator (`ONNXSentenceTransformerTextEmbeddingTranslator`) feeds the model
 * and which output it pools. The card cross-check and the offline reference both follow these rules.
 */

/** Inputs ML Commons' ONNX translator sends, by model_type (`ONNXSentenceTransformerTextEmbeddingTranslator`). */
export function onnxInputNames(modelType: string | undefined): string[] {
  const type = modelType?.toLowerCase();
  return type === 'bert' || type === 'albert'
    ? ['input_ids', 'attention_mask', 'token_type_ids']
    : ['input_ids', 'attention_mask'];
}

/** Index of the output ML Commons pools: #1 (pre-pooled) only for pooling `none` with ≥ 2 outputs. */
export function embeddingOutputIndex(poolingMode: string | undefined, outputCount: number): number {
  return poolingMode === 'none' && outputCount > 1 ? 1 : 0;
}
