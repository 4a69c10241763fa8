/**
 * Loads `fixtures/negative/<id>/case.yaml`: zips ML Commons must refuse at register time. Synchronous for the
 * same reason as `loadCards` (called while Vitest collects tests).
 */
import { runConfig } from '../config/run-config.ts';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ModelFormat } from '../artifacts/model-format.ts';
import type { ZipLintCode } from '../artifacts/lint-codes.ts';
import { CardError, type CardIssue } from './card-error.ts';
import { CARD_FILE_NAME } from './load-cards.ts';
import { listFixtureFolders, selectIds } from './fixture-folders.ts';
import type { LocalArtifact } from '../artifacts/artifact-source.ts';
import { negativeCaseSchema } from './negative-case-schema.ts';
import { readYamlFile } from './read-fixture-file.ts';
import { relativeToRepo, resolveFromRepo } from './repo-paths.ts';
import { resolveArtifact } from './resolve-artifact.ts';
import { parseWithIssues } from './zod-issues.ts';

const CASE_FILE_NAME = 'case.yaml';

export interface NegativeCase {
  readonly id: string;
  readonly dir: string;
  /** Repo-relative path of `case.yaml`. */
  readonly file: string;
  readonly description: string;
  /** The format declared when registering. */
  readonly format: ModelFormat;
  readonly artifact: LocalArtifact;
  /** Id of the card whose `model_config` is used when registering. */
  readonly baseCard: string;
  /** Error text the register task must end with. */
  readonly expectedError: string;
  /** Code the harness's zip lint must report. */
  readonly lintError: ZipLintCode;
}

export interface LoadNegativeCasesOptions {
  /** Where `base_card` ids are looked up (default `fixtures/models`). */
  readonly cardsDir?: string;
  /** Case ids to load; defaults to the `ML_NEGATIVE_CASES` environment variable, else all. */
  readonly only?: readonly string[];
}

export function loadNegativeCases(dir = 'fixtures/negative', options: LoadNegativeCasesOptions = {}): NegativeCase[] {
  const root = resolveFromRepo(dir);
  const cardsRoot = resolveFromRepo(options.cardsDir ?? 'fixtures/models');
  const only = options.only ?? runConfig().ML_NEGATIVE_CASES;
  const ids = selectIds(listFixtureFolders(root), only, relativeToRepo(root), 'ML_NEGATIVE_CASES');
  const cases: NegativeCase[] = [];
  const issues: CardIssue[] = [];
  for (const id of ids) {
    const result = validateCase(join(root, id), cardsRoot);
    issues.push(...result.issues);
    if (result.value) {
      cases.push(result.value);
    }
  }
  if (issues.length > 0) {
    throw new CardError(issues);
  }
  return cases;
}

function validateCase(dir: string, cardsRoot: string): { value?: NegativeCase; issues: CardIssue[] } {
  const path = join(dir, CASE_FILE_NAME);
  const file = relativeToRepo(path);
  const read = readYamlFile(path, file);
  if (!read.ok) {
    return { issues: read.issues };
  }
  const parsed = parseWithIssues(negativeCaseSchema, read.value, file);
  if (!parsed.ok) {
    return { issues: parsed.issues };
  }
  const doc = parsed.value;
  const issues: CardIssue[] = [];
  const resolved = resolveArtifact(doc, dir, file, { allowUrl: false });
  issues.push(...resolved.issues);
  if (!existsSync(join(cardsRoot, doc.base_card, CARD_FILE_NAME))) {
    issues.push({
      file,
      path: 'base_card',
      reason: `no card ${JSON.stringify(doc.base_card)} in ${relativeToRepo(cardsRoot)}`,
    });
  }
  const artifact = resolved.artifact;
  if (issues.length > 0 || artifact?.kind !== 'file') {
    return { issues };
  }
  return {
    value: {
      id: basename(dir),
      dir,
      file,
      description: doc.description,
      format: doc.format,
      artifact,
      baseCard: doc.base_card,
      expectedError: doc.expected_error,
      lintError: doc.lint_error,
    },
    issues: [],
  };
}
