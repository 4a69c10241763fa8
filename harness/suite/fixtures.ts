/**
 * The cards and negative artifacts every suite iterates over, loaded once per test file while Vitest collects
 * tests. A broken card throws here, so the whole file fails with the card's file, field path and reason.
 */
import { existsSync, statSync } from 'node:fs';
import { CardError } from '../models/card-error.ts';
import { loadCards } from '../models/load-cards.ts';
import { checkCardSync } from '../validate/validate-card.ts';
import { loadNegativeCases, type NegativeCase } from '../models/load-negative-cases.ts';
import type { ModelCard } from '../models/model-card.ts';

let cards: readonly ModelCard[] | undefined;
let negatives: readonly NegativeCase[] | undefined;

export function conformanceCards(): readonly ModelCard[] {
  cards ??= staticallyChecked(loadCards());
  return cards;
}

/**
 * The static checks of `ml-conformance validate` that need no ONNX Runtime session (TODO lines, zip rules, tokenizer
 * truncation, positions, probe lengths, reachable divergence) run here too, before any cluster call; an error fails
 * the test file like a schema error. The ONNX model's inputs, dimension and goldens are the `artifact.onnx-io` and
 * `artifact.onnx-goldens` checks.
 */
function staticallyChecked(loaded: readonly ModelCard[]): readonly ModelCard[] {
  const issues = loaded.flatMap((card) =>
    card.unavailable === undefined && card.artifact.kind === 'file'
      ? checkCardSync(card, card.artifact.path).findings.filter((finding) => finding.severity === 'error')
      : [],
  );
  if (issues.length > 0) {
    throw new CardError(issues);
  }
  return loaded;
}

export function negativeCases(): readonly NegativeCase[] {
  negatives ??= loadNegativeCases();
  return negatives;
}

/**
 * The selected card with the smallest zip on this machine, symmetric ones first: for suites that only need some
 * artifact to provoke ML Commons' errors, so they stay quick whatever real models are selected.
 */
export function smallestCard(cards: readonly ModelCard[]): ModelCard | undefined {
  const size = (card: ModelCard): number =>
    card.artifact.kind === 'file' && existsSync(card.artifact.path) ? statSync(card.artifact.path).size : Infinity;
  return [...cards]
    .filter((card) => card.unavailable === undefined)
    .sort((a, b) => Number(a.expectations.asymmetric) - Number(b.expectations.asymmetric) || size(a) - size(b))[0];
}
