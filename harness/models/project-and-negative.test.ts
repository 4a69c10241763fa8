/** The project's own cards for fixed checks, and negative-case folders without their case.yaml. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CardError } from './card-error.ts';
import { loadNegativeCases } from './load-negative-cases.ts';
import { projectCard, SETTINGS_CARD_ID } from './project-cards.ts';

describe('projectCard', () => {
  it('loads a committed card once and hands out the same card afterwards', () => {
    const card = projectCard(SETTINGS_CARD_ID);
    expect(card.id).toBe('tiny-onnx-sym');
    expect(card.file).toBe('fixtures/models/tiny-onnx-sym/card.yaml');
    expect(projectCard(SETTINGS_CARD_ID)).toBe(card);
  });

  it('refuses an id that is not a committed card', () => {
    expect(() => projectCard('no-such-card')).toThrow(CardError);
  });
});

describe('loadNegativeCases', () => {
  it('reports a case folder without case.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'omlc-negative-empty-'));
    try {
      mkdirSync(join(dir, 'forgotten'));
      expect(() => loadNegativeCases(dir, { only: ['forgotten'] })).toThrowError(
        `${join(dir, 'forgotten', 'case.yaml')}: (root): file not found`,
      );
      expect(loadNegativeCases(dir, { only: [] })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
