/**
 * Every static check of a loaded card, in seconds and without a cluster: ML Commons' zip rules (a zip that is not a
 * zip included), the tokenizer (truncation, positions, probes, prefixes), and for ONNX the model's inputs, output
 * dimension, reference and divergence. Schema and cross-field problems were already reported by the card loader.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintModelZip } from '../artifacts/lint-model-zip.ts';
import { todoLines } from '../init/card-writer.ts';
import { extractZipEntries } from '../artifacts/zip-entries.ts';
import type { ModelCard } from '../models/model-card.ts';
import { checkOnnxModel, divergenceFindings } from './embedding-checks.ts';
import { findingCollector, type Finding } from './finding.ts';
import { checkTokenizer } from './tokenizer-checks.ts';

export async function validateCard(card: ModelCard, zipPath: string): Promise<Finding[]> {
  const report = findingCollector(card.file);
  // What `init` could not know stays a commented TODO until a person resolves it.
  for (const todo of todoLines(readFileSync(path.join(card.dir, 'card.yaml'), 'utf8'))) {
    report.error(`(line ${todo.line})`, `TODO(${todo.topic}) left by init: ${todo.text}`);
  }
  const lint = lintModelZip(zipPath, card.format);
  for (const finding of lint) {
    const where = finding.entry === undefined ? '' : ` (${finding.entry})`;
    const stage = finding.stage === 'register' ? 'the register task fails with' : 'deploy fails:';
    report.error('artifact', `${finding.code}${where}: ${stage} "${finding.message}"`);
  }
  if (lint.some((finding) => finding.code === 'unreadable-zip' || finding.code === 'no-tokenizer')) {
    return report.findings;
  }
  const tokenizerJson = readTokenizerJson(zipPath);
  if (typeof tokenizerJson === 'string') {
    report.error('artifact', tokenizerJson);
    return report.findings;
  }
  const tokenizer = checkTokenizer(card, tokenizerJson);
  report.findings.push(...tokenizer.findings);
  if (card.format === 'ONNX') {
    // Embeddings of a model whose tokenizer is wrong would only repeat the tokenizer's problem (or crash on an
    // over-long input), so they are computed only once the tokenizer is right.
    const tokenizerOk = tokenizer.tokenizer !== undefined && !tokenizer.findings.some((f) => f.severity === 'error');
    if (lint.length === 0) {
      report.findings.push(...(await checkOnnxModel(card, zipPath, { embeddings: tokenizerOk })));
    }
  } else {
    const golden = (kind: 'query' | 'passage', id: string): readonly number[] | undefined =>
      card.reference?.[kind]?.[id];
    report.findings.push(...divergenceFindings(card, golden, 'from reference.json'));
  }
  return report.findings;
}

function readTokenizerJson(zipPath: string): Record<string, unknown> | string {
  const bytes = extractZipEntries(zipPath, (name) => name === 'tokenizer.json').get('tokenizer.json');
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
