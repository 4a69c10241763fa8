/**
 * The card text `init` writes from what it learned about a model: every value with where it came from, and a
 * TODO line for what could not be known (validate refuses the card until each is resolved and deleted).
 */
import type { FileDigest } from '../artifacts/file-digest.ts';
import { CardWriter, todoLines } from './card-writer.ts';
import type { DraftProbe } from './default-probes.ts';
import type { StFolder } from './st-folder.ts';

export interface DraftFacts {
  readonly id: string;
  /** How the source is named in comments (base name; a trailing `/` for a folder). */
  readonly source: string;
  readonly facts: StFolder;
  readonly digest: FileDigest;
  readonly tokenizerMaxLength: number;
  readonly probes: readonly DraftProbe[];
  readonly asymmetric: boolean;
  onnxOutput?: { readonly index: number; readonly name: string; readonly dims: readonly number[] };
  reference?: string;
  referenceProblem?: string;
  maxQueryPassageCosine?: number;
}

const DEFAULT_TOLERANCE = { min_cosine: 0.9999, rtol: 0.001, atol: 0.00001 };
const PREFIXES_SINCE = '2.13.0';

export function draftCard(d: DraftFacts): { text: string; todos: string[] } {
  const { facts } = d;
  const w = new CardWriter();
  w.comment(0, `Written by \`npx ml-conformance init\` from ${d.source}. Check the TODO lines, delete them, then run`);
  w.comment(0, `\`npx ml-conformance validate <this folder>\` (fixtures/models/README.md explains every field).`);
  w.field(0, 'name', d.id, 'ML Commons model name (the run id is appended)');
  w.field(0, 'version', '1.0.0');
  w.field(0, 'description', description(d));
  w.field(0, 'format', facts.format, `the zip holds ${facts.modelFile}`);
  w.field(
    0,
    'artifact',
    'model.zip',
    d.source.endsWith('/')
      ? `built from ${d.source}: model file and tokenizer.json at the root`
      : `copy of ${d.source}`,
  );
  w.field(0, 'sha256', d.digest.sha256, `${d.digest.size} bytes`);
  w.section(0, 'model_config', 'sent to ML Commons as-is');
  const dimension = modelConfig(w, d);
  w.section(0, 'expectations');
  w.field(2, 'dimension', dimension ?? 0, 'what predict must return; = embedding_dimension');
  w.field(2, 'dtype', 'FLOAT32');
  const normalized = facts.normalize ?? false;
  if (facts.normalize === undefined) {
    w.todo(2, 'normalized', 'no modules.json: true when the model L2-normalizes its embeddings');
  }
  w.field(
    2,
    'normalized',
    normalized,
    facts.normalize === undefined ? undefined : 'a Normalize module in modules.json',
  );
  w.field(2, 'asymmetric', d.asymmetric, d.asymmetric ? 'query/passage prompts' : 'no query/passage prompts');
  if (d.asymmetric) {
    divergence(w, d);
  }
  w.field(
    2,
    'opensearch',
    d.asymmetric ? `>=${PREFIXES_SINCE}` : '>=2.11.0',
    d.asymmetric ? 'prefixes exist from 2.13' : undefined,
  );
  w.comment(2, 'float32 on another engine; loosen only with a reason (fixtures/models/README.md)');
  w.section(2, 'tolerance');
  for (const [key, value] of Object.entries(DEFAULT_TOLERANCE)) {
    w.field(4, key, value);
  }
  w.section(0, 'probes', `token counts with the zip's tokenizer.json, which keeps ${d.tokenizerMaxLength}`);
  for (const probe of d.probes) {
    w.comment(2, `${probe.tokens} tokens`);
    w.listItem(2, [
      ['id', probe.id],
      ['text', probe.text],
      ...(probe.exceedsMaxLength ? ([['exceeds_max_length', true]] as const) : []),
    ]);
  }
  if (d.reference !== undefined) {
    w.field(
      0,
      'reference',
      d.reference,
      facts.format === 'ONNX' ? 'computed by init from the zip' : 'goldens from the folder',
    );
  } else if (facts.format === 'TORCH_SCRIPT') {
    w.todo(
      0,
      'reference',
      'TorchScript cannot run here: add reference.json with sentence-transformers embeddings of the probes (format: fixtures/models/README.md) and `reference: reference.json`',
    );
  } else if (d.referenceProblem !== undefined) {
    w.todo(0, 'reference', `no reference computed: ${d.referenceProblem}`);
  }
  const text = w.text();
  return { text, todos: todoLines(text).map((todo) => `line ${todo.line}: ${todo.topic}: ${todo.text}`) };
}

/** Writes model_config; returns the embedding dimension it declared (undefined when unknown). */
function modelConfig(w: CardWriter, d: DraftFacts): number | undefined {
  const { facts } = d;
  if (facts.modelType === undefined) {
    w.todo(
      2,
      'model_type',
      'no config.json: the architecture (bert, distilbert, …); for ONNX it decides whether token_type_ids is sent (bert and albert only)',
    );
  } else {
    w.field(2, 'model_type', facts.modelType, facts.format === 'ONNX' ? tokenTypeWhy(facts.modelType) : 'config.json');
  }
  const dimension = embeddingDimension(w, d);
  w.field(2, 'embedding_dimension', dimension ?? 0);
  w.field(
    2,
    'framework_type',
    'sentence_transformers',
    facts.normalize === undefined ? 'assumed: no modules.json' : 'modules.json',
  );
  if (facts.format === 'ONNX') {
    if (facts.pooling === undefined) {
      w.todo(
        2,
        'pooling_mode',
        `${facts.poolingProblem ?? 'unknown'}; ML Commons pools output #0 with it (default mean)`,
      );
    } else {
      w.field(2, 'pooling_mode', facts.pooling, '1_Pooling/config.json');
    }
    if (facts.normalize === undefined) {
      w.todo(2, 'normalize_result', 'no modules.json: true when the model has a Normalize module');
    }
    w.field(
      2,
      'normalize_result',
      facts.normalize ?? false,
      facts.normalize === undefined ? undefined : 'modules.json Normalize module',
    );
  } else {
    w.comment(
      2,
      "no pooling_mode, normalize_result false: a traced sentence-transformers model pools and normalizes itself and ML Commons' TorchScript path only reads its sentence_embedding output",
    );
    w.field(2, 'normalize_result', false);
  }
  if (facts.maxSeqLength === undefined) {
    w.todo(
      2,
      'model_max_length',
      `no sentence_bert_config.json: the model's max sequence length (tokenizer.json keeps ${d.tokenizerMaxLength})`,
    );
    w.field(2, 'model_max_length', d.tokenizerMaxLength);
  } else {
    w.field(2, 'model_max_length', facts.maxSeqLength, 'sentence_bert_config.json max_seq_length');
  }
  if (facts.prompts.query !== undefined) {
    w.field(2, 'query_prefix', facts.prompts.query, 'config_sentence_transformers.json prompts');
  }
  if (facts.prompts.passage !== undefined) {
    w.field(2, 'passage_prefix', facts.prompts.passage, 'config_sentence_transformers.json prompts');
  }
  if (!d.asymmetric && looksLikeE5(facts)) {
    w.comment(
      2,
      "e5-style model? Its inputs may need prefixes: query_prefix: 'query: ', passage_prefix: 'passage: ' (then asymmetric: true)",
    );
  }
  if (Object.keys(facts.config).length > 0) {
    w.field(2, 'all_config', JSON.stringify(facts.config), 'config.json');
  }
  return dimension;
}

function embeddingDimension(w: CardWriter, d: DraftFacts): number | undefined {
  const { facts, onnxOutput } = d;
  if (onnxOutput !== undefined) {
    const dim = onnxOutput.dims.at(-1);
    w.comment(2, `ONNX output #${onnxOutput.index} (${onnxOutput.name}) has shape [${onnxOutput.dims.join(', ')}]`);
    if (facts.dense !== undefined) {
      w.todo(
        2,
        '2_Dense',
        `${facts.dense.path}/config.json projects ${facts.dense.inFeatures} → ${facts.dense.outFeatures}, but ML Commons' ONNX path pools output #${onnxOutput.index} and never applies a Dense layer (ml-commons #2302): the cluster would serve ${String(dim)}-d vectors that are not this model's embeddings. Export the Dense layer into the ONNX graph, or use TorchScript`,
      );
    }
    return dim;
  }
  if (facts.dense !== undefined) {
    w.comment(
      2,
      `${facts.dense.path}/config.json projects ${facts.hiddenSize ?? facts.dense.inFeatures} → ${facts.dense.outFeatures}; a traced model applies it (checked by the first run)`,
    );
    return facts.dense.outFeatures;
  }
  if (facts.hiddenSize !== undefined) {
    w.comment(2, 'config.json hidden_size (a TorchScript model cannot be inspected here; the first run checks it)');
    return facts.hiddenSize;
  }
  w.todo(2, 'embedding_dimension', 'no config.json: the size of the embeddings the model returns');
  return undefined;
}

function divergence(w: CardWriter, d: DraftFacts): void {
  if (d.maxQueryPassageCosine === undefined) {
    w.todo(2, 'divergence_max_cosine', 'above the largest cosine(query(T), passage(T)) of the probes and below 1');
    w.field(2, 'divergence_max_cosine', 0.99);
    return;
  }
  // The same margin as the committed fixtures: the largest cosine + 0.02, rounded up to two decimals.
  const value = Math.ceil((d.maxQueryPassageCosine + 0.02) * 100) / 100;
  w.field(
    2,
    'divergence_max_cosine',
    value,
    `largest cosine(query, passage) of the probes is ${d.maxQueryPassageCosine.toFixed(4)}`,
  );
}

function tokenTypeWhy(modelType: string): string {
  const sends = ['bert', 'albert'].includes(modelType.toLowerCase());
  return `config.json; ML Commons ${sends ? 'sends' : 'does not send'} token_type_ids for it`;
}

function looksLikeE5(facts: StFolder): boolean {
  const name = typeof facts.config._name_or_path === 'string' ? facts.config._name_or_path : facts.dir;
  return /(^|[^a-z])e5([^a-z0-9]|$)/i.test(name);
}

function description(d: DraftFacts): string {
  const { facts } = d;
  const parts = [`${facts.modelType ?? 'unknown'} ${facts.format === 'ONNX' ? 'ONNX' : 'TorchScript'} model`];
  if (facts.pooling !== undefined) {
    parts.push(`${facts.pooling} pooling`);
  }
  if (facts.normalize === true) {
    parts.push('normalized');
  }
  if (d.asymmetric) {
    parts.push('query/passage prefixes');
  }
  return parts.join(', ');
}
