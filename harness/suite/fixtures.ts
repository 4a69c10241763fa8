/**
 * The cards and negative artifacts every suite iterates over, loaded once per test file while Vitest collects
 * tests. A broken card throws here, so the whole file fails with the card's file, field path and reason.
 */
import { loadCards } from '../models/load-cards.ts';
import { loadNegativeCases, type NegativeCase } from '../models/load-negative-cases.ts';
import type { ModelCard } from '../models/model-card.ts';

let cards: readonly ModelCard[] | undefined;
let negatives: readonly NegativeCase[] | undefined;

export function conformanceCards(): readonly ModelCard[] {
  cards ??= loadCards();
  return cards;
}

export function negativeCases(): readonly NegativeCase[] {
  negatives ??= loadNegativeCases();
  return negatives;
}
