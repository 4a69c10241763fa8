import { describe, expect, it } from 'vitest';
import { card, embedding, LONG, recording, rotated, SHA_B, SHORT } from '../drift/testing/recordings.ts';
import { DEFAULT_DRIFT_TOLERANCE } from '../drift/tolerance.ts';
import { buildBaseline } from './build-baseline.ts';
import { compareCard, firstDifference, goneCards, timingDrift, type CardComparison } from './compare-baseline.ts';
import { parseBaseline, type Baseline } from './load-baseline.ts';

const NOW = { label: 'native 3.6.0', version: '3.6.0' };

function baselineOf(...cards: ReturnType<typeof card>[]): Baseline {
  const file = buildBaseline({
    runId: 'r',
    recordedAt: new Date(0),
    recording: recording('live:2.19.6', '2.19.6', cards),
    checks: [],
  });
  return parseBaseline(JSON.stringify(file), 'baselines/prod-2.19.json');
}

function compared(result: CardComparison): Extract<CardComparison, { kind: 'compared' }> {
  if (result.kind !== 'compared') {
    throw new Error(`expected a comparison, got ${result.kind}`);
  }
  return result;
}

describe('compareCard', () => {
  it('passes identical vectors with cosine 1 and max abs diff 0', () => {
    const result = compared(compareCard(card(), baselineOf(card()), NOW, DEFAULT_DRIFT_TOLERANCE));
    expect(result.drifts.map((d) => [d.probe, d.ok, d.cosine, d.maxAbsDiff])).toEqual([
      ['short', true, 1, 0],
      ['long', true, 1, 0],
    ]);
    expect(result.shapeChanges).toEqual([]);
  });

  it('passes float32 rounding noise (what 2.19.6 → 3.6.0 does to TorchScript)', () => {
    const noisy = card({
      embeddings: [
        embedding(
          'short',
          SHORT.map((v) => v + 1.2e-7),
        ),
        embedding('long', LONG),
      ],
    });
    const result = compareCard(noisy, baselineOf(card()), NOW, DEFAULT_DRIFT_TOLERANCE);
    expect(result.kind === 'compared' && result.drifts.every((d) => d.ok)).toBe(true);
  });

  it('fails a perturbed vector and names the card, probe, content type and both sides', () => {
    const moved = card({ embeddings: [embedding('short', SHORT), embedding('long', rotated(LONG, 0.05))] });
    const result = compared(compareCard(moved, baselineOf(card()), NOW, DEFAULT_DRIFT_TOLERANCE));
    const [short, long] = result.drifts;
    expect(short?.ok).toBe(true);
    expect(long?.ok).toBe(false);
    expect(long?.cosine).toBeCloseTo(Math.cos(0.05), 12);
    expect(long?.message).toBe(
      'tiny-onnx-sym probe "long" (plain) drifted from baseline baselines/prod-2.19.json (native 2.19.6) to native 3.6.0: ' +
        'cosine 0.998750 (min 0.9999), max abs diff 3.72e-2 (max 1.00e-4)',
    );
  });

  it('fails on max abs diff alone when the direction barely moves but the scale does', () => {
    const scaled = card({
      embeddings: [
        embedding(
          'short',
          SHORT.map((v) => v * 1.01),
        ),
        embedding('long', LONG),
      ],
    });
    const result = compared(compareCard(scaled, baselineOf(card()), NOW, DEFAULT_DRIFT_TOLERANCE));
    expect(result.drifts[0]).toMatchObject({ probe: 'short', ok: false });
    expect(result.drifts[0]?.cosine).toBeCloseTo(1, 12);
  });

  it('reports dtype and shape changes, and a length change as drift', () => {
    const longer = card({
      embeddings: [{ ...embedding('short', [...SHORT, 0]), dtype: 'FLOAT16' }, embedding('long', LONG)],
    });
    const result = compared(compareCard(longer, baselineOf(card()), NOW, DEFAULT_DRIFT_TOLERANCE));
    expect(result.shapeChanges).toEqual(['short/plain: dtype FLOAT32 → FLOAT16', 'short/plain: shape [4] → [5]']);
    expect(result.drifts[0]?.message).toMatch(/drifted .*: 5 values instead of 4$/);
  });

  it('compares asymmetric content types separately', () => {
    const asym = (v: readonly number[]): ReturnType<typeof card> =>
      card({ id: 'asym', embeddings: [embedding('short', SHORT, 'query'), embedding('short', v, 'passage')] });
    const result = compared(
      compareCard(asym(rotated(SHORT, 0.1)), baselineOf(asym(SHORT)), NOW, DEFAULT_DRIFT_TOLERANCE),
    );
    expect(result.drifts.map((d) => `${d.contentType}:${String(d.ok)}`)).toEqual(['query:true', 'passage:false']);
    expect(result.drifts[1]?.message).toContain('probe "short" (passage)');
  });

  it('refuses a baseline of another artifact (sha256) with what to do', () => {
    const result = compareCard(card({ sha256: SHA_B }), baselineOf(card()), NOW, DEFAULT_DRIFT_TOLERANCE);
    expect(result).toEqual({
      kind: 'refused',
      card: 'tiny-onnx-sym',
      reason:
        `baselines/prod-2.19.json was recorded for "tiny-onnx-sym" with artifact sha256 ${'a'.repeat(64)}, but the ` +
        `card's artifact is ${SHA_B}: vectors of another model cannot be compared; record a new baseline`,
    });
  });

  it('refuses another model_config and names the field', () => {
    const changed = card({ modelConfig: { model_type: 'bert', embedding_dimension: 4, normalize_result: false } });
    const result = compareCard(changed, baselineOf(card()), NOW, DEFAULT_DRIFT_TOLERANCE);
    expect(result.kind).toBe('refused');
    expect(result.kind === 'refused' && result.reason).toContain(
      'model_config.normalize_result: baseline true, now false',
    );
  });

  it('reports a card that is new since the baseline, and cards that are gone', () => {
    const baseline = baselineOf(card({ id: 'old-card' }), card());
    expect(compareCard(card({ id: 'brand-new' }), baseline, NOW, DEFAULT_DRIFT_TOLERANCE)).toEqual({
      kind: 'new',
      card: 'brand-new',
      reason: 'new since the baseline: baselines/prod-2.19.json has no card "brand-new" (recorded on 2.19.6)',
    });
    expect(goneCards(baseline, ['tiny-onnx-sym', 'brand-new'])).toEqual(['old-card']);
  });

  it('lists probes only one side has instead of comparing them', () => {
    const edited = card({ embeddings: [embedding('short', SHORT), embedding('extra', LONG)] });
    const result = compared(compareCard(edited, baselineOf(card()), NOW, DEFAULT_DRIFT_TOLERANCE));
    expect(result.onlyInBaseline).toEqual(['long/plain']);
    expect(result.onlyNow).toEqual(['extra/plain']);
    expect(result.drifts.map((d) => d.probe)).toEqual(['short']);
  });
});

describe('timingDrift', () => {
  it('flags phases slower than the factor and ignores phases either side lacks', () => {
    expect(timingDrift({ deployMs: 1000, predictMs: 10 }, { deployMs: 3500, predictMs: 20, registerMs: 5 }, 3)).toEqual(
      [
        { phase: 'deploy', baselineMs: 1000, nowMs: 3500, factor: 3.5, regressed: true },
        { phase: 'predict', baselineMs: 10, nowMs: 20, factor: 2, regressed: false },
      ],
    );
  });
});

describe('firstDifference', () => {
  it('finds nested and array differences, and nothing for equal values', () => {
    expect(firstDifference({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } }, 'x')).toBeUndefined();
    expect(firstDifference({ b: { c: [1, 2] } }, { b: { c: [1, 3] } }, 'x')).toBe('x.b.c[1]: baseline 2, now 3');
    expect(firstDifference({ a: 1 }, { a: 1, z: 'q' }, 'x')).toBe('x.z: baseline (missing), now "q"');
  });
});
