/**
 * Computes, offline, the embedding ML Commons returns for an ONNX card: the card's prefix for the content type,
 * the zip's tokenizer.json (with its truncation), exactly the input tensors the translator sends, output #0 (or #1
 * for pooling `none`), the card's pooling and normalisation. Live and simulated predict results are compared
 * with it; `reference.json` goldens must agree with it.
 */
import * as ort from 'onnxruntime-node';
import { embeddingOutputIndex, onnxInputNames } from './ml-commons-onnx-io.ts';
import { createOnnxSession, readOnnxZip } from './onnx-zip.ts';
import type { ZipSource } from '../artifacts/zip-entries.ts';
import { createDjlTokenizer, type DjlTokenizer, type EncodedText } from './djl-tokenizer.ts';
import type { ModelCard, ModelConfig } from '../models/model-card.ts';
import { poolAndNormalize } from './pooling.ts';

export type ContentType = 'query' | 'passage';

/** The tensor ML Commons would put in `inference_results[0].output[0]`. */
export interface ReferenceTensor {
  readonly name: 'sentence_embedding';
  readonly data_type: 'FLOAT32';
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface OnnxEmbedder {
  /** The embedding's values (`data` of {@link embedTensor}). */
  embed(text: string, contentType?: ContentType): Promise<Float32Array>;
  embedTensor(text: string, contentType?: ContentType): Promise<ReferenceTensor>;
  /** The model inputs ML Commons builds for this text (prefix applied, truncated). */
  encode(text: string, contentType?: ContentType): EncodedText;
  /** The text ML Commons tokenizes: the model's prefix for `contentType` + text. */
  prefixed(text: string, contentType?: ContentType): string;
  tokenizer(): DjlTokenizer;
}

export interface OnnxReference extends OnnxEmbedder {
  readonly card: ModelCard;
}

export interface OnnxReferenceOptions {
  /** Local zip to use for a URL artifact (e.g. from the download cache). */
  readonly zipPath?: string;
}

/** What an ONNX embedding depends on: the zip, its digest (cache key) and the model_config ML Commons stored. */
export interface OnnxModelSpec {
  /** Used in error messages (card id, model id). */
  readonly label: string;
  readonly sha256: string;
  readonly zip: ZipSource;
  readonly modelConfig: Pick<
    ModelConfig,
    'model_type' | 'pooling_mode' | 'normalize_result' | 'query_prefix' | 'passage_prefix'
  >;
}

interface LoadedModel {
  readonly tokenizer: DjlTokenizer;
  readonly session: Promise<ort.InferenceSession>;
}

// Keyed by sha256: cards sharing one zip share one session; sessions live for the worker's lifetime.
const models = new Map<string, LoadedModel>();

export function createOnnxReference(card: ModelCard, options: OnnxReferenceOptions = {}): OnnxReference {
  if (card.format !== 'ONNX') {
    throw new Error(`${card.id}: reference embeddings can only be computed for ONNX cards (format ${card.format})`);
  }
  const zipPath = options.zipPath ?? (card.artifact.kind === 'file' ? card.artifact.path : undefined);
  if (zipPath === undefined) {
    throw new Error(`${card.id}: artifact is a URL; pass options.zipPath with the downloaded zip`);
  }
  const embedder = createOnnxEmbedder({
    label: card.id,
    sha256: card.artifact.sha256,
    zip: zipPath,
    modelConfig: card.modelConfig,
  });
  return { ...embedder, card };
}

/** The same computation for any ONNX zip + model_config (the simulator uses it for registered models). */
export function createOnnxEmbedder(spec: OnnxModelSpec): OnnxEmbedder {
  const { sha256, modelConfig } = spec;
  const load = (): LoadedModel => {
    let model = models.get(sha256);
    if (!model) {
      const contents = readOnnxZip(spec.zip);
      model = { tokenizer: createDjlTokenizer(contents.tokenizer), session: createOnnxSession(contents.model) };
      models.set(sha256, model);
    }
    return model;
  };
  const prefixed = (text: string, contentType?: ContentType): string => applyPrefix(modelConfig, text, contentType);
  const encode = (text: string, contentType?: ContentType): EncodedText =>
    load().tokenizer.encode(prefixed(text, contentType));

  const embedTensor = async (text: string, contentType?: ContentType): Promise<ReferenceTensor> => {
    const encoded = encode(text, contentType);
    const session = await load().session;
    const feeds = inputTensors(encoded, onnxInputNames(modelConfig.model_type));
    const results = await session.run(feeds);
    const index = embeddingOutputIndex(modelConfig.pooling_mode, session.outputNames.length);
    const outputName = session.outputNames[index];
    const output = outputName === undefined ? undefined : results[outputName];
    if (!(output instanceof ort.Tensor) || output.type !== 'float32') {
      throw new Error(`${spec.label}: output #${index} is not a float32 tensor`);
    }
    const pooled = poolAndNormalize(
      { data: output.data as Float32Array, shape: output.dims },
      encoded.attentionMask,
      modelConfig.pooling_mode ?? 'mean',
      modelConfig.normalize_result ?? false,
    );
    return { name: 'sentence_embedding', data_type: 'FLOAT32', shape: [...pooled.shape], data: pooled.data };
  };

  return {
    prefixed,
    encode,
    embedTensor,
    embed: async (text, contentType) => (await embedTensor(text, contentType)).data,
    tokenizer: () => load().tokenizer,
  };
}

/** Releases every cached session (call from an `afterAll` when a file is done with references). */
export async function releaseOnnxReferences(): Promise<void> {
  const sessions = [...models.values()].map((model) => model.session);
  models.clear();
  await Promise.all(sessions.map(async (session) => (await session).release()));
}

// Mirrors `TextEmbeddingModel`: a model with a prefix needs a content type, one without refuses it.
function applyPrefix(
  modelConfig: OnnxModelSpec['modelConfig'],
  text: string,
  contentType: ContentType | undefined,
): string {
  const { query_prefix: query, passage_prefix: passage } = modelConfig;
  const asymmetric = query !== undefined || passage !== undefined;
  if (contentType === undefined) {
    if (asymmetric) {
      throw new Error(
        'The embedding model chosen is asymmetric. To use it, you must declare whether the input is of type `QUERY` or of type `PASSAGE`.',
      );
    }
    return text;
  }
  if (!asymmetric) {
    throw new Error(
      'When passing AsymmetricTextEmbeddingParameters, the model requires to be registered with at least one of `query_prefix` or `passage_prefix`.',
    );
  }
  return ((contentType === 'passage' ? passage : query) ?? '') + text;
}

function inputTensors(encoded: EncodedText, names: readonly string[]): Record<string, ort.Tensor> {
  const tensor = (values: readonly number[]): ort.Tensor =>
    new ort.Tensor(
      'int64',
      BigInt64Array.from(values, (value) => BigInt(value)),
      [1, values.length],
    );
  const byName: Record<string, readonly number[]> = {
    input_ids: encoded.ids,
    attention_mask: encoded.attentionMask,
    token_type_ids: encoded.typeIds,
  };
  return Object.fromEntries(names.map((name) => [name, tensor(byName[name] ?? [])]));
}
