/**
 * Cards some suites need whatever `ML_CARDS` or `OMLC_CARDS_DIR` select: the negative cases' base cards (their
 * model_config) and one registrable model for the cluster-settings checks. They always come from the project's own
 * committed fixtures, so a run of only your card still runs (and reports) those checks.
 */
import { loadCards, PROJECT_CARDS_DIR } from './load-cards.ts';
import type { ModelCard } from './model-card.ts';

/** The smallest committed card: enough to register a model when the model itself does not matter. */
export const SETTINGS_CARD_ID = 'tiny-onnx-sym';

const cache = new Map<string, ModelCard>();

export function projectCard(id: string): ModelCard {
  let card = cache.get(id);
  if (card === undefined) {
    [card] = loadCards(PROJECT_CARDS_DIR, { only: [id] });
    if (card === undefined) {
      throw new Error(`${PROJECT_CARDS_DIR}/${id} did not load`);
    }
    cache.set(id, card);
  }
  return card;
}
