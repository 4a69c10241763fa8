/**
 * Loads and validates model cards. Synchronous on purpose: suites call it at module top level to build
 * `describe.for(loadCards())`, i.e. while Vitest collects tests and before any test is registered, so a bad
 * card stops the run with every problem listed instead of surfacing as scattered test failures.
 */
import { basename, join, resolve } from 'node:path';
import { runConfig } from '../config/run-config.ts';
import { CardError, type CardIssue } from './card-error.ts';
import { checkCardRules } from './card-rules.ts';
import { cardSchema, type CardDocument } from './card-schema.ts';
import { listFixtureFolders, selectIds } from './fixture-folders.ts';
import { loadReference } from './load-reference.ts';
import { driftTolerance } from '../drift/tolerance.ts';
import type { ModelCard } from './model-card.ts';
import { readYamlFile } from './read-fixture-file.ts';
import { relativeToRepo, resolveFromRepo } from './repo-paths.ts';
import { resolveArtifact } from './resolve-artifact.ts';
import { PREPARED_PREFIX, resolvePrepared } from './resolve-prepared.ts';
import { parseWithIssues } from './zod-issues.ts';

export const CARD_FILE_NAME = 'card.yaml';

/** The project's own cards; `OMLC_CARDS_DIR` (or `--cards-dir`) adds folders of cards from anywhere. */
export const PROJECT_CARDS_DIR = 'fixtures/models';

/** Every folder cards are loaded from, project cards first, without duplicates. */
export function cardDirs(extra: readonly string[] | undefined = runConfig().OMLC_CARDS_DIR): string[] {
  const dirs = [resolveFromRepo(PROJECT_CARDS_DIR), ...(extra ?? []).map((dir) => resolve(dir))];
  return [...new Set(dirs)];
}

export interface LoadCardsOptions {
  /** Card ids (folder names) to load; defaults to the comma-separated `ML_CARDS` environment variable, else all. */
  readonly only?: readonly string[];
}

/**
 * Every card in `dirs` (repo-relative or absolute; default: {@link cardDirs}), sorted by id. Card ids must be unique
 * across the folders. Throws one `CardError` listing all problems.
 */
export function loadCards(dirs: string | readonly string[] = cardDirs(), options: LoadCardsOptions = {}): ModelCard[] {
  const roots = (typeof dirs === 'string' ? [dirs] : dirs).map((dir) => resolveFromRepo(dir));
  const folders = new Map<string, string>();
  const issues: CardIssue[] = [];
  for (const root of roots) {
    for (const id of listFixtureFolders(root)) {
      const first = folders.get(id);
      if (first === undefined) {
        folders.set(id, join(root, id));
      } else {
        issues.push({
          file: relativeToRepo(join(root, id, CARD_FILE_NAME)),
          path: '(root)',
          reason: `card id ${JSON.stringify(id)} is also ${relativeToRepo(join(first, CARD_FILE_NAME))}; ids must be unique across card folders`,
        });
      }
    }
  }
  const where = roots.map((root) => relativeToRepo(root)).join(', ');
  const ids = selectIds([...folders.keys()].sort(), options.only ?? runConfig().ML_CARDS, where, 'ML_CARDS');
  const cards: ModelCard[] = [];
  for (const id of ids) {
    const result = validateCard(folders.get(id) ?? id);
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
  const artifact = doc.artifact.startsWith(PREPARED_PREFIX)
    ? resolvePrepared(doc, basename(dir), file)
    : resolveArtifact(doc, dir, file, { allowUrl: true });
  const reference = loadReference(doc, dir, file);
  const issues = [...checkCardRules(doc, file), ...artifact.issues, ...reference.issues];
  if (issues.length > 0 || !artifact.artifact) {
    return { issues };
  }
  const card = toModelCard(doc, dir, file, artifact.artifact, reference.reference);
  const unavailable = 'unavailable' in artifact ? artifact.unavailable : undefined;
  return { card: unavailable === undefined ? card : { ...card, unavailable }, issues: [] };
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
      drift: driftTolerance({
        ...(e.drift?.min_cosine === undefined ? {} : { minCosine: e.drift.min_cosine }),
        ...(e.drift?.max_abs_diff === undefined ? {} : { maxAbsDiff: e.drift.max_abs_diff }),
        ...(e.drift?.max_time_factor === undefined ? {} : { maxTimeFactor: e.drift.max_time_factor }),
      }),
    },
    probes: doc.probes.map((probe) => ({
      id: probe.id,
      text: probe.text,
      exceedsMaxLength: probe.exceeds_max_length === true,
    })),
    ...(reference === undefined ? {} : { reference }),
  };
}
