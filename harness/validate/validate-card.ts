/**
 * Every static check of a loaded card, in seconds and without a cluster: ML Commons' zip rules (a zip that is not a
 * zip included), the tokenizer (truncation, positions, probes, prefixes), and for ONNX the model's inputs, output
 * dimension, reference and divergence. Schema and cross-field problems were already reported by the card loader.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintModelZip } from '../artifacts/lint-model-zip.ts';
import { todoLines } from '../init/card-writer.ts';
import { extractZipEntries, readZipBytes } from '../artifacts/zip-entries.ts';
import type { ModelCard } from '../models/model-card.ts';
import { checkOnnxModel, divergenceFindings } from './embedding-checks.ts';
import { findingCollector, type Finding } from './finding.ts';
import { checkTokenizer } from './tokenizer-checks.ts';

export interface SyncCheckResult {
  readonly findings: Finding[];
  /** The ONNX model can be inspected (the zip follows ML Commons' rules). */
  readonly onnxInspectable: boolean;
  /** The tokenizer is right, so embeddings computed from the zip mean something. */
  readonly tokenizerOk: boolean;
}

/**
 * The checks that need no ONNX Runtime session: TODO lines, zip rules, the tokenizer, and for TorchScript the
 * divergence of its goldens. Synchronous, so the card loader of every run applies them while Vitest collects tests.
 */
export function checkCardSync(card: ModelCard, zipPath: string): SyncCheckResult {
  const report = findingCollector(card.file);
  const stop = { findings: report.findings, onnxInspectable: false, tokenizerOk: false };
  // What `init` could not know stays a commented TODO until a person resolves it.
  for (const todo of todoLines(readFileSync(path.join(card.dir, 'card.yaml'), 'utf8'))) {
    report.error(`(line ${todo.line})`, `TODO(${todo.topic}) left by init: ${todo.text}`);
  }
  const zip = readZipBytes(zipPath);
  const lint = lintModelZip(zip, card.format);
  for (const finding of lint) {
    const where = finding.entry === undefined ? '' : ` (${finding.entry})`;
    const stage = finding.stage === 'register' ? 'the register task fails with' : 'deploy fails:';
    report.error('artifact', `${finding.code}${where}: ${stage} "${finding.message}"`);
  }
  if (lint.some((finding) => finding.code === 'unreadable-zip' || finding.code === 'no-tokenizer')) {
    return stop;
  }
  const tokenizerJson = readTokenizerJson(zip);
  if (typeof tokenizerJson === 'string') {
    report.error('artifact', tokenizerJson);
    return stop;
  }
  const tokenizer = checkTokenizer(card, tokenizerJson);
  report.findings.push(...tokenizer.findings);
  if (card.format === 'TORCH_SCRIPT') {
    const golden = (kind: 'query' | 'passage', id: string): readonly number[] | undefined =>
      card.reference?.[kind]?.[id];
    report.findings.push(...divergenceFindings(card, golden, 'from reference.json'));
  }
  return {
    findings: report.findings,
    onnxInspectable: card.format === 'ONNX' && lint.length === 0,
    tokenizerOk: tokenizer.tokenizer !== undefined && !tokenizer.findings.some((f) => f.severity === 'error'),
  };
}

/** Every static check: {@link checkCardSync}, then for ONNX the model's inputs, dimension, goldens and divergence. */
export async function validateCard(card: ModelCard, zipPath: string): Promise<Finding[]> {
  const sync = checkCardSync(card, zipPath);
  if (!sync.onnxInspectable) {
    return sync.findings;
  }
  // Embeddings of a model whose tokenizer is wrong would only repeat the tokenizer's problem (or crash on an
  // over-long input), so they are computed only once the tokenizer is right.
  return [...sync.findings, ...(await checkOnnxModel(card, zipPath, { embeddings: sync.tokenizerOk }))];
}

function readTokenizerJson(zip: Uint8Array): Record<string, unknown> | string {
  const bytes = extractZipEntries(zip, (name) => name === 'tokenizer.json').get('tokenizer.json');
  if (bytes === undefined) {
    return 'the zip has no tokenizer.json at its root';
  }
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    return 'tokenizer.json is not a JSON object';
  } catch (error) {
    return `tokenizer.json is not valid JSON: ${(error as Error).message}`;
  }
}
