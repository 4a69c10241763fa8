/**
 * `ml-conformance init <path>`: a card for a model zip or a sentence-transformers folder, with everything that can
 * be known filled in and why, and a TODO for the rest. A folder is zipped the way ML Commons wants it (model file and
 * tokenizer.json at the root); for ONNX the dimension is read from the model and the reference vectors are computed
 * here, exactly as the harness computes them during a run.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { embeddingOutputIndex } from '../onnx/ml-commons-onnx-io.ts';
import { digestFileSync } from '../artifacts/file-digest.ts';
import { inspectOnnx } from '../onnx/inspect-onnx.ts';
import { cosine } from '../matchers/vector-math.ts';
import { createDjlTokenizer } from '../onnx/djl-tokenizer.ts';
import { createOnnxEmbedder } from '../onnx/onnx-reference.ts';
import { PROBE_ID } from '../models/card-schema.ts';
import { defaultProbes, type DraftProbe } from './default-probes.ts';
import { draftCard, type DraftFacts } from './draft-card.ts';
import { readStFolder, StFolderError, type StFolder } from './st-folder.ts';
import { readModelZip } from './zip-facts.ts';

export interface InitOptions {
  /** Folder the card folder is created in. */
  readonly cardsDir: string;
  /** Card id (folder name); defaults to the source's base name, lower-cased. */
  readonly id?: string;
  readonly overwrite?: boolean;
}

export interface InitResult {
  readonly cardDir: string;
  readonly files: readonly string[];
  /** The TODO lines left in card.yaml. */
  readonly todos: readonly string[];
}

// A fixed timestamp keeps the zip (and its sha256) the same for the same folder.
const ZIP_MTIME = new Date(Date.UTC(2024, 0, 1));

export async function initCard(source: string, options: InitOptions): Promise<InitResult> {
  const stats = statSync(source, { throwIfNoEntry: false });
  if (stats === undefined) {
    throw new StFolderError(`${source}: no such file or folder`);
  }
  const isFolder = stats.isDirectory();
  const facts: StFolder = isFolder ? readStFolder(source) : readModelZip(source);
  const id = options.id ?? cardIdOf(source);
  if (!PROBE_ID.test(id)) {
    throw new StFolderError(`card id ${JSON.stringify(id)} must match [a-z0-9][a-z0-9_-]* (pass --id)`);
  }
  const cardDir = path.join(options.cardsDir, id);
  if (existsSync(path.join(cardDir, 'card.yaml')) && options.overwrite !== true) {
    throw new StFolderError(`${path.join(cardDir, 'card.yaml')} exists (pass --force to overwrite)`);
  }
  mkdirSync(cardDir, { recursive: true });
  const zipPath = path.join(cardDir, 'model.zip');
  if (isFolder) {
    writeFileSync(zipPath, zipFolder(facts));
  } else if (path.resolve(source) !== path.resolve(zipPath)) {
    copyFileSync(source, zipPath);
  }
  const files = [zipPath];
  const tokenizer = createDjlTokenizer(facts.tokenizerJson);
  const probes = defaultProbes(tokenizer);
  const asymmetric = facts.prompts.query !== undefined || facts.prompts.passage !== undefined;
  const draft: DraftFacts = {
    id,
    source: isFolder ? `${path.basename(source)}/` : path.basename(source),
    facts,
    digest: digestFileSync(zipPath),
    tokenizerMaxLength: tokenizer.maxLength,
    probes,
    asymmetric,
  };
  let reference: Record<string, Record<string, number[]>> | undefined;
  if (facts.format === 'ONNX') {
    const inspection = await inspectOnnx(zipPath);
    const index = embeddingOutputIndex(facts.pooling, inspection.outputDims.length);
    const dims = inspection.outputDims[index] ?? [];
    draft.onnxOutput = { index, name: inspection.outputs[index]?.name ?? `#${index}`, dims };
    if (draft.facts.modelType !== undefined && facts.pooling !== undefined && facts.normalize !== undefined) {
      reference = await onnxReference(draft, zipPath, probes).catch((error: unknown) => {
        draft.referenceProblem = (error as Error).message.split('\n')[0] ?? String(error);
        return undefined;
      });
    }
  } else if (facts.referenceFile !== undefined) {
    reference = goldens(path.join(facts.dir, facts.referenceFile));
  }
  if (reference !== undefined) {
    draft.reference = 'reference.json';
    const file = path.join(cardDir, 'reference.json');
    writeFileSync(file, referenceJson(reference, facts.format === 'ONNX' ? 'ml-conformance init' : facts.dir));
    files.push(file);
    if (asymmetric) {
      draft.maxQueryPassageCosine = maxCosine(reference, probes);
    }
  }
  const card = draftCard(draft);
  const cardFile = path.join(cardDir, 'card.yaml');
  writeFileSync(cardFile, card.text);
  return { cardDir, files: [cardFile, ...files], todos: card.todos };
}

function cardIdOf(source: string): string {
  const base = path.basename(path.resolve(source)).replace(/\.zip$/i, '');
  return base
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

function zipFolder(facts: StFolder): Uint8Array {
  const read = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(facts.dir, name)));
  return zipSync(
    { [facts.modelFile]: read(facts.modelFile), 'tokenizer.json': read('tokenizer.json') },
    { level: 6, mtime: ZIP_MTIME },
  );
}

async function onnxReference(
  draft: DraftFacts,
  zipPath: string,
  probes: readonly DraftProbe[],
): Promise<Record<string, Record<string, number[]>>> {
  const { facts, digest } = draft;
  const embedder = createOnnxEmbedder({
    label: draft.id,
    sha256: digest.sha256,
    zip: zipPath,
    modelConfig: {
      ...(facts.modelType === undefined ? {} : { model_type: facts.modelType }),
      ...(facts.pooling === undefined ? {} : { pooling_mode: facts.pooling }),
      normalize_result: facts.normalize ?? false,
      ...(facts.prompts.query === undefined ? {} : { query_prefix: facts.prompts.query }),
      ...(facts.prompts.passage === undefined ? {} : { passage_prefix: facts.prompts.passage }),
    },
  });
  const kinds = draft.asymmetric ? (['query', 'passage'] as const) : ([undefined] as const);
  const out: Record<string, Record<string, number[]>> = {};
  for (const kind of kinds) {
    const vectors: Record<string, number[]> = {};
    for (const probe of probes) {
      vectors[probe.id] = Array.from(await embedder.embed(probe.text, kind));
    }
    out[kind ?? 'plain'] = vectors;
  }
  return out;
}

function goldens(file: string): Record<string, Record<string, number[]>> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { embeddings?: Record<string, Record<string, number[]>> };
  if (parsed.embeddings === undefined) {
    throw new Error(`${file}: no "embeddings" object (format: fixtures/models/README.md)`);
  }
  return parsed.embeddings;
}

function maxCosine(reference: Record<string, Record<string, number[]>>, probes: readonly DraftProbe[]): number {
  return Math.max(
    ...probes.map((probe) => cosine(reference.query?.[probe.id] ?? [], reference.passage?.[probe.id] ?? [])),
  );
}

/** The reference.json format of fixtures/models/README.md, 8 significant digits, one vector per line. */
function referenceJson(embeddings: Record<string, Record<string, number[]>>, generator: string): string {
  const kinds = Object.entries(embeddings).map(([kind, vectors]) => {
    const rows = Object.entries(vectors).map(
      ([id, vector]) => `      ${JSON.stringify(id)}: [${vector.map((x) => Number(x.toPrecision(8))).join(', ')}]`,
    );
    return `    ${JSON.stringify(kind)}: {\n${rows.join(',\n')}\n    }`;
  });
  return `{\n  "generator": ${JSON.stringify(generator)},\n  "embeddings": {\n${kinds.join(',\n')}\n  }\n}\n`;
}
