/**
 * Which cards a verb works on: each operand is a card id (looked up in fixtures/models and the extra card folders)
 * or the path of a card folder; no operand means every card. Problems loading a card are returned per card, so one
 * broken card does not hide the others.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CardError, type CardIssue } from '../models/card-error.ts';
import { cardDirs, CARD_FILE_NAME, loadCard, loadCards } from '../models/load-cards.ts';
import type { ModelCard } from '../models/model-card.ts';
import { listFixtureFolders } from '../models/fixture-folders.ts';

export interface LoadedOperand {
  readonly name: string;
  readonly card?: ModelCard;
  readonly issues: readonly CardIssue[];
}

export function loadOperands(operands: readonly string[], extraDirs: readonly string[]): LoadedOperand[] {
  const dirs = cardDirs(extraDirs);
  const names = operands.length > 0 ? operands : [...new Set(dirs.flatMap((dir) => listFixtureFolders(dir)))].sort();
  return names.map((name) => {
    try {
      const card = existsSync(path.join(name, CARD_FILE_NAME))
        ? loadCard(path.resolve(name))
        : loadCards(dirs, { only: [name] })[0];
      return card === undefined ? { name, issues: [] } : { name, card, issues: [] };
    } catch (error) {
      if (error instanceof CardError) {
        return { name, issues: error.issues };
      }
      throw error;
    }
  });
}
