import { describe, expect, it } from 'vitest';
import { cosine } from '../matchers/vector-math.ts';
import type { ModelCard } from '../models/model-card.ts';
import { projectCard } from '../models/project-cards.ts';
import { referenceFor } from './reference.ts';

const withoutGoldens = (card: ModelCard): ModelCard => {
  const { reference: _dropped, ...rest } = card;
  return rest;
};

describe('referenceFor', () => {
  it('gives a probe its golden vector from reference.json (computed elsewhere, independent of the harness)', async () => {
    const card = projectCard('tiny-onnx-sym');
    const probe = card.probes[0];
    expect(probe).toBeDefined();
    if (probe === undefined) {
      return;
    }
    const reference = referenceFor(card);
    expect(reference.source(probe)).toBe('golden');
    expect(await reference.embed(probe)).toEqual(card.reference?.plain?.[probe.id]);
  });

  it("takes an asymmetric card's golden of the content type", async () => {
    const card = projectCard('tiny-onnx-asym');
    const probe = card.probes[0];
    if (probe === undefined) {
      throw new Error('tiny-onnx-asym has probes');
    }
    const reference = referenceFor(card);
    expect(reference.source(probe, 'query')).toBe('golden');
    expect(reference.source(probe)).toBe('computed');
    expect(await reference.embed(probe, 'passage')).toEqual(card.reference?.passage?.[probe.id]);
  });

  it('computes an ONNX embedding where there is no golden, agreeing with the golden', async () => {
    const card = projectCard('tiny-onnx-sym');
    const probe = card.probes[0];
    if (probe === undefined) {
      throw new Error('tiny-onnx-sym has probes');
    }
    const reference = referenceFor(withoutGoldens(card));
    expect(reference.source(probe)).toBe('computed');
    expect(reference.source(probe.text)).toBe('computed');
    const computed = await reference.embed(probe);
    expect(cosine(computed, card.reference?.plain?.[probe.id] ?? [])).toBeGreaterThan(0.9999);
    expect(await reference.embed(probe.text)).toEqual(computed);
  });

  it('refuses what a TorchScript card has no golden for', async () => {
    const card = projectCard('tiny-torchscript');
    const probe = card.probes[0];
    if (probe === undefined) {
      throw new Error('tiny-torchscript has probes');
    }
    const reference = referenceFor(card);
    expect(await reference.embed(probe)).toEqual(card.reference?.plain?.[probe.id]);
    await expect(reference.embed('any text')).rejects.toThrowError(
      'tiny-torchscript: no reference for arbitrary text with a TORCH_SCRIPT card (only golden probe vectors)',
    );
    await expect(reference.embed(probe, 'query')).rejects.toThrowError(
      `tiny-torchscript: no reference for probe ${probe.id} (reference.json has no "query" vector for it)`,
    );
  });
});
