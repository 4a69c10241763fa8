/**
 * What a sentence-transformers folder says about the model, read the way `init` needs it: the model file, the
 * tokenizer, config.json (`model_type`, `hidden_size`, positions), the pooling module, a Normalize module, a Dense
 * layer that changes the dimension, the max sequence length and query/passage prompts. Every value keeps the file
 * it came from, so the card can say why it holds what it holds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { OmlcError } from '../errors/omlc-error.ts';
import type { PoolingMode } from '../models/model-config-schema.ts';

export interface StFolder {
  readonly dir: string;
  /** The single `.onnx` or `.pt` file at the folder root. */
  readonly modelFile: string;
  readonly format: 'ONNX' | 'TORCH_SCRIPT';
  readonly tokenizerJson: Record<string, unknown>;
  readonly config: Record<string, unknown>;
  readonly modelType?: string;
  readonly hiddenSize?: number;
  readonly maxPositionEmbeddings?: number;
  /** From 1_Pooling/config.json; undefined with `poolingProblem` when none or several modes are on. */
  readonly pooling?: PoolingMode;
  readonly poolingProblem?: string;
  /** A Normalize module in modules.json; undefined when there is no modules.json to tell. */
  readonly normalize?: boolean;
  /** A Dense module's in/out features (sentence-transformers' 2_Dense), when modules.json has one. */
  readonly dense?: { readonly path: string; readonly inFeatures: number; readonly outFeatures: number };
  readonly maxSeqLength?: number;
  readonly prompts: { readonly query?: string; readonly passage?: string };
  /** `reference.json` shipped in the folder (golden vectors), if any. */
  readonly referenceFile?: string;
}

const POOLING_KEYS: Record<string, PoolingMode> = {
  pooling_mode_cls_token: 'cls',
  pooling_mode_mean_tokens: 'mean',
  pooling_mode_max_tokens: 'max',
  pooling_mode_mean_sqrt_len_tokens: 'mean_sqrt_len',
  pooling_mode_weightedmean_tokens: 'weighted_mean',
  pooling_mode_lasttoken: 'last_token',
};

/** What `init` cannot work from: the message says what is missing or wrong in the folder or zip. */
export class StFolderError extends OmlcError<'bad-model-source'> {
  override name = 'StFolderError';

  constructor(message: string) {
    super('bad-model-source', message);
  }
}

export function readStFolder(dir: string): StFolder {
  const json = (name: string): Record<string, unknown> | undefined => readJsonObject(path.join(dir, name));
  const modelFiles = readdirSync(dir).filter((name) => name.endsWith('.onnx') || name.endsWith('.pt'));
  if (modelFiles.length !== 1 || modelFiles[0] === undefined) {
    throw new StFolderError(
      `${dir}: expected exactly one model.onnx or TorchScript .pt file at the folder root, found ${modelFiles.length === 0 ? 'none' : modelFiles.join(', ')}`,
    );
  }
  const modelFile = modelFiles[0];
  const tokenizerJson = json('tokenizer.json');
  if (tokenizerJson === undefined) {
    throw new StFolderError(`${dir}: no tokenizer.json (ML Commons needs it next to the model file)`);
  }
  const config = json('config.json') ?? {};
  const modules = readJsonArray(path.join(dir, 'modules.json'));
  const moduleOf = (kind: string): Record<string, unknown> | undefined =>
    modules.find((m) => typeof m.type === 'string' && m.type.endsWith(`.${kind}`));
  const poolingModule = moduleOf('Pooling');
  const poolingConfig = json(path.join(pathOf(poolingModule) ?? '1_Pooling', 'config.json'));
  const { pooling, problem } = poolingOf(poolingConfig);
  const denseModule = moduleOf('Dense');
  const densePath = pathOf(denseModule);
  const denseConfig = densePath === undefined ? undefined : json(path.join(densePath, 'config.json'));
  const stConfig = json('config_sentence_transformers.json');
  const prompts = (stConfig?.prompts ?? {}) as Record<string, unknown>;
  const prompt = (key: string): string | undefined =>
    typeof prompts[key] === 'string' && prompts[key] !== '' ? prompts[key] : undefined;
  const maxSeq = json('sentence_bert_config.json')?.max_seq_length;
  return {
    dir,
    modelFile,
    format: modelFile.endsWith('.onnx') ? 'ONNX' : 'TORCH_SCRIPT',
    tokenizerJson,
    config,
    ...optional('modelType', typeof config.model_type === 'string' ? config.model_type : undefined),
    ...optional('hiddenSize', positiveInt(config.hidden_size)),
    ...optional('maxPositionEmbeddings', positiveInt(config.max_position_embeddings)),
    ...optional('pooling', pooling),
    ...optional('poolingProblem', problem),
    ...optional('normalize', modules.length === 0 ? undefined : moduleOf('Normalize') !== undefined),
    ...optional('dense', denseOf(densePath, denseConfig)),
    ...optional('maxSeqLength', positiveInt(maxSeq)),
    prompts: {
      ...optional('query', prompt('query')),
      ...optional('passage', prompt('passage') ?? prompt('document')),
    },
    ...optional('referenceFile', existsSync(path.join(dir, 'reference.json')) ? 'reference.json' : undefined),
  };
}

function poolingOf(config: Record<string, unknown> | undefined): { pooling?: PoolingMode; problem?: string } {
  if (config === undefined) {
    return { problem: 'no 1_Pooling/config.json (modules.json lists no Pooling module)' };
  }
  const on = Object.entries(POOLING_KEYS).filter(([key]) => config[key] === true);
  const [first] = on;
  if (on.length !== 1 || first === undefined) {
    return {
      problem: `1_Pooling/config.json turns on ${on.length === 0 ? 'no pooling mode' : on.map(([key]) => key).join(' and ')}; ML Commons applies exactly one`,
    };
  }
  return { pooling: first[1] };
}

function denseOf(dir: string | undefined, config: Record<string, unknown> | undefined): StFolder['dense'] | undefined {
  const inFeatures = positiveInt(config?.in_features);
  const outFeatures = positiveInt(config?.out_features);
  return dir === undefined || inFeatures === undefined || outFeatures === undefined
    ? undefined
    : { path: dir, inFeatures, outFeatures };
}

function pathOf(module: Record<string, unknown> | undefined): string | undefined {
  return typeof module?.path === 'string' && module.path !== '' ? module.path : undefined;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function readJsonObject(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) {
    return undefined;
  }
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new StFolderError(`${file}: not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function readJsonArray(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) {
    return [];
  }
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(value)) {
    throw new StFolderError(`${file}: not a JSON array`);
  }
  return value.filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object');
}
