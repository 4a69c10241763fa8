/**
 * Every folder of fixtures/bad-cards must be rejected with exactly the message in its expected-error.txt
 * (see fixtures/bad-cards/README.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CardError } from './card-error.ts';
import { listFixtureFolders } from './fixture-folders.ts';
import { loadCard, loadCards } from './load-cards.ts';
import { resolveFromRepo } from './repo-paths.ts';

const ROOT = resolveFromRepo('fixtures/bad-cards');
const CASES = listFixtureFolders(ROOT);

function expectedError(id: string): string {
  return readFileSync(join(ROOT, id, 'expected-error.txt'), 'utf8').trimEnd();
}

function thrownBy(load: () => unknown): unknown {
  try {
    load();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('bad cards', () => {
  it('has enough cases to cover the card rules', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
  });

  it('derive from a baseline that is itself valid', () => {
    expect(loadCard('fixtures/bad-cards/_baseline').id).toBe('_baseline');
  });

  it.for(CASES)('%s is rejected with its expected error', (id) => {
    const error = thrownBy(() => loadCard(join(ROOT, id)));
    expect(error).toBeInstanceOf(CardError);
    expect((error as CardError).message).toBe(expectedError(id));
    expect((error as CardError).issues.length).toBe(expectedError(id).split('\n').length);
  });

  it('loadCards reports the problems of every card at once, in folder order', () => {
    const error = thrownBy(() => loadCards('fixtures/bad-cards', { only: CASES }));
    expect(error).toBeInstanceOf(CardError);
    expect((error as CardError).message).toBe(CASES.map(expectedError).join('\n'));
  });
});
