/**
 * Reads a baseline file for comparison: JSON, then the schema, then the rules that relate fields (vector length vs
 * shape, unique card ids and probes). Every problem is reported with its path; nothing half-valid is returned.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { embeddingKey, type RecordedCard, type RecordingSource } from '../drift/recording.ts';
import { parseWithIssues } from '../models/zod-issues.ts';
import { BaselineError, type BaselineIssue } from './baseline-error.ts';
import { BASELINE_FORMAT, baselineFileSchema, type BaselineCheck, type BaselineFile } from './baseline-schema.ts';

export interface Baseline {
  /** The path as given (for messages). */
  readonly file: string;
  readonly source: RecordingSource;
  readonly recordedAt: string;
  readonly cards: ReadonlyMap<string, RecordedCard>;
  readonly checks: readonly BaselineCheck[];
}

export function loadBaseline(path: string, cwd: string = process.cwd()): Baseline {
  // Inside the working directory the short relative path reads best; outside it, the absolute one is clearer.
  const shortPath = relative(cwd, path);
  const file = shortPath === '' || shortPath.startsWith('..') ? path : shortPath;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`;
    throw new BaselineError([{ file, path: '(root)', reason }]);
  }
  return parseBaseline(text, file);
}

/** Parses and validates baseline text; `file` names it in messages. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError([{ file, path: '(root)', reason: `not valid JSON: ${(error as Error).message}` }]);
  }
  const format = (data as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && format !== BASELINE_FORMAT && format.startsWith('opensearch-ml-conformance/')) {
    throw new BaselineError([
      { file, path: 'format', reason: `${format} is not supported by this version (it reads ${BASELINE_FORMAT})` },
    ]);
  }
  const parsed = parseWithIssues(baselineFileSchema, data, file);
  if (!parsed.ok) {
    throw new BaselineError(parsed.issues);
  }
  const issues = checkBaselineRules(parsed.value, file);
  if (issues.length > 0) {
    throw new BaselineError(issues);
  }
  const value = parsed.value;
  return {
    file,
    source: { label: `baseline ${file} (${value.cluster.target})`, version: value.cluster.version },
    recordedAt: value.recordedAt,
    cards: new Map(value.cards.map((card) => [card.id, card])),
    checks: value.checks,
  };
}

export function checkBaselineRules(baseline: BaselineFile, file: string): BaselineIssue[] {
  const issues: BaselineIssue[] = [];
  const firstCard = new Map<string, number>();
  baseline.cards.forEach((card, c) => {
    const earlier = firstCard.get(card.id);
    if (earlier !== undefined) {
      issues.push({
        file,
        path: `cards[${c}].id`,
        reason: `duplicate card id "${card.id}" (first at cards[${earlier}])`,
      });
    }
    firstCard.set(card.id, earlier ?? c);
    const firstProbe = new Map<string, number>();
    card.embeddings.forEach((embedding, e) => {
      const at = `cards[${c}].embeddings[${e}]`;
      const key = embeddingKey(embedding);
      const seen = firstProbe.get(key);
      if (seen !== undefined) {
        issues.push({ file, path: `${at}.probe`, reason: `duplicate probe ${key} (first at embeddings[${seen}])` });
      }
      firstProbe.set(key, seen ?? e);
      const expected = embedding.shape.reduce((product, n) => product * n, 1);
      if (embedding.vector.length !== expected) {
        issues.push({
          file,
          path: `${at}.vector`,
          reason: `has ${embedding.vector.length} values but shape [${embedding.shape.join(', ')}] needs ${expected}`,
        });
      }
    });
  });
  return issues;
}
