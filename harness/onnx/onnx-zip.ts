/**
 * Opens an ONNX model zip the way ML Commons' deploy step does: the single `.onnx` file and `tokenizer.json`,
 * both at the zip root. Everything stays in memory.
 */
import * as ort from 'onnxruntime-node';
import { lintModelZip } from '../artifacts/lint-model-zip.ts';
import { extractZipEntries, readZipBytes, type ZipSource } from '../artifacts/zip-entries.ts';

export interface OnnxZipContents {
  readonly modelEntry: string;
  readonly model: Uint8Array;
  /** Parsed `tokenizer.json`. */
  readonly tokenizer: Record<string, unknown>;
}

export function readOnnxZip(source: ZipSource): OnnxZipContents {
  const bytes = readZipBytes(source);
  const problems = lintModelZip(bytes, 'ONNX');
  if (problems.length > 0) {
    const where = typeof source === 'string' ? source : 'zip';
    throw new Error(
      `${where}: ${problems.map((p) => `${p.code}${p.entry ? ` (${p.entry})` : ''}: ${p.message}`).join('; ')}`,
    );
  }
  const files = extractZipEntries(bytes, (name) => name.endsWith('.onnx') || name === 'tokenizer.json');
  const modelEntry = [...files.keys()].find((name) => name.endsWith('.onnx'));
  const tokenizerBytes = files.get('tokenizer.json');
  const model = modelEntry === undefined ? undefined : files.get(modelEntry);
  if (modelEntry === undefined || model === undefined || tokenizerBytes === undefined) {
    throw new Error('zip passed the lint but lacks the model or tokenizer.json');
  }
  const tokenizer: unknown = JSON.parse(new TextDecoder().decode(tokenizerBytes));
  if (tokenizer === null || typeof tokenizer !== 'object' || Array.isArray(tokenizer)) {
    throw new Error('tokenizer.json is not a JSON object');
  }
  return { modelEntry, model, tokenizer: tokenizer as Record<string, unknown> };
}

/**
 * Just the model file, for inspection: unlike {@link readOnnxZip} it does not insist on the rest of the layout,
 * so a zip can be inspected even when the lint has complaints (e.g. no tokenizer).
 */
export function readOnnxModel(source: ZipSource): { modelEntry: string; model: Uint8Array } {
  const files = extractZipEntries(source, (name) => name.endsWith('.onnx'));
  const [first, ...others] = files.entries();
  if (!first || others.length > 0) {
    throw new Error(`expected exactly one .onnx entry, found ${files.size}: ${[...files.keys()].join(', ')}`);
  }
  return { modelEntry: first[0], model: first[1] };
}

export function createOnnxSession(model: Uint8Array): Promise<ort.InferenceSession> {
  // Severity 3 = errors only: tiny hand-built graphs trigger "unused initializer" warnings on every load.
  // One thread each, like ML Commons' own inference threads (DLModel sets num_threads=1): Vitest already runs a
  // worker per core, and ONNX Runtime's thread pools would otherwise fight over them.
  return ort.InferenceSession.create(model, {
    logSeverityLevel: 3,
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
}
