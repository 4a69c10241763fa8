/** `model_format` values of the ML Commons register API for local (non-remote) text-embedding models. */
export const MODEL_FORMATS = ['ONNX', 'TORCH_SCRIPT'] as const;
export type ModelFormat = (typeof MODEL_FORMATS)[number];

/** The file extension ML Commons' zip check associates with each format (`ModelHelper.hasModelFile`). */
export const MODEL_FILE_EXTENSION: Readonly<Record<ModelFormat, string>> = { ONNX: '.onnx', TORCH_SCRIPT: '.pt' };
