/**
 * Loads and validates model cards. Synchronous on purpose: suites call it at module top level to build
 * `describe.for(loadCards())`, i.e. while Vitest collects tests and before any test is registered, so a bad
 * card stops the run with every problem listed instead of surfacing as scattered test failures.
 */
import { runConfig } from '../config/run-config.ts';
import { basename, join } from 'node:path';
import { CardError, type CardIssue } from './card-error.ts';
import { checkCardRules } from './card-rules.ts';
import { cardSchema, type CardDocument } from './card-schema.ts';
import { listFixtureFolders, selectIds } from './fixture-folders.ts';
import { loadReference } from './load-reference.ts';
import type { ModelCard } from './model-card.ts';
import { readYamlFile } from './read-fixture-file.ts';
import { relativeToRepo, resolveFromRepo } from './repo-paths.ts';
import { resolveArtifact } from './resolve-artifact.ts';
import { parseWithIssues } from './zod-issues.ts';

export const CARD_FILE_NAME = 'card.yaml';

export interface LoadCardsOptions {
  /** Card ids (folder names) to load; defaults to the comma-separated `ML_CARDS` environment variable, else all. */
  readonly only?: readonly string[];
}

/** Every card under `dir` (repo-relative or absolute), sorted by id. Throws one `CardError` listing all problems. */
export function loadCards(dir = 'fixtures/models', options: LoadCardsOptions = {}): ModelCard[] {
  const root = resolveFromRepo(dir);
  const ids = selectIds(listFixtureFolders(root), options.only ?? runConfig().ML_CARDS, root, 'ML_CARDS');
  const cards: ModelCard[] = [];
  const issues: CardIssue[] = [];
  for (const id of ids) {
    const result = validateCard(join(root, id));
    issues.push(...result.issues);
    if (result.card) {
      cards.push(result.card);
    }
  }
  if (issues.length > 0) {
    throw new CardError(issues);
  }
  return cards;
}

/** One card folder (repo-relative or absolute). */
export function loadCard(cardDir: string): ModelCard {
  const result = validateCard(resolveFromRepo(cardDir));
  if (!result.card) {
    throw new CardError(result.issues);
  }
  return result.card;
}

function validateCard(dir: string): { card?: ModelCard; issues: CardIssue[] } {
  const path = join(dir, CARD_FILE_NAME);
  const file = relativeToRepo(path);
  const read = readYamlFile(path, file);
  if (!read.ok) {
    return { issues: read.issues };
  }
  const parsed = parseWithIssues(cardSchema, read.value, file);
  if (!parsed.ok) {
    return { issues: parsed.issues };
  }
  const doc = parsed.value;
  const artifact = resolveArtifact(doc, dir, file, { allowUrl: true });
  const reference = loadReference(doc, dir, file);
  const issues = [...checkCardRules(doc, file), ...artifact.issues, ...reference.issues];
  if (issues.length > 0 || !artifact.artifact) {
    return { issues };
  }
  return { card: toModelCard(doc, dir, file, artifact.artifact, reference.reference), issues: [] };
}

function toModelCard(
  doc: CardDocument,
  dir: string,
  file: string,
  artifact: ModelCard['artifact'],
  reference: ModelCard['reference'],
): ModelCard {
  const { expectations: e } = doc;
  return {
    id: basename(dir),
    dir,
    file,
    name: doc.name,
    version: doc.version,
    description: doc.description,
    format: doc.format,
    artifact,
    modelConfig: doc.model_config,
    expectations: {
      dimension: e.dimension,
      dtype: e.dtype,
      normalized: e.normalized,
      asymmetric: e.asymmetric,
      ...(e.divergence_max_cosine === undefined ? {} : { divergenceMaxCosine: e.divergence_max_cosine }),
      opensearch: e.opensearch,
      tolerance: { minCosine: e.tolerance.min_cosine, rtol: e.tolerance.rtol, atol: e.tolerance.atol },
    },
    probes: doc.probes.map((probe) => ({
      id: probe.id,
      text: probe.text,
      exceedsMaxLength: probe.exceeds_max_length === true,
    })),
    ...(reference === undefined ? {} : { reference }),
  };
}
