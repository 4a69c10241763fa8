import { describe, expect, it } from 'vitest';
import { card, embedding, LONG, recording, rotated, SHA_B, SHORT } from './testing/recordings.ts';
import { crossVersionDrift } from './cross-version.ts';
import { DEFAULT_DRIFT_TOLERANCE } from './tolerance.ts';

describe('crossVersionDrift', () => {
  it('compares every card of every version pair, oldest → newest', () => {
    const newer = recording('live:3.6.0', '3.6.0', [
      card({ embeddings: [embedding('short', SHORT), embedding('long', rotated(LONG, 0.02))] }),
    ]);
    const older = recording('live:2.19.6', '2.19.6', [card()]);
    const { drifts, skipped } = crossVersionDrift([newer, older], () => DEFAULT_DRIFT_TOLERANCE);
    expect(skipped).toEqual([]);
    expect(drifts.map((d) => [d.kind, d.from.version, d.to.version, d.probe, d.ok])).toEqual([
      ['cross-version', '2.19.6', '3.6.0', 'short', true],
      ['cross-version', '2.19.6', '3.6.0', 'long', false],
    ]);
    expect(drifts[1]?.message).toMatch(
      /^tiny-onnx-sym probe "long" \(plain\) drifted from native 2\.19\.6 to native 3\.6\.0: cosine 0\.9998/,
    );
  });

  it('makes three pairs of three versions and uses each card’s own tolerance', () => {
    const recs = ['3.6.0', '2.19.1', '2.19.6'].map((v) => recording(`live:${v}`, v, [card()]));
    const { drifts } = crossVersionDrift(recs, (id) => ({
      ...DEFAULT_DRIFT_TOLERANCE,
      minCosine: id === 'tiny-onnx-sym' ? 0.5 : 1,
    }));
    expect([...new Set(drifts.map((d) => `${d.from.version}→${d.to.version}`))]).toEqual([
      '2.19.1→2.19.6',
      '2.19.1→3.6.0',
      '2.19.6→3.6.0',
    ]);
    expect(drifts.every((d) => d.minCosine === 0.5)).toBe(true);
  });

  it('skips, with the reason, a card missing on one side or recorded from another artifact', () => {
    const older = recording('live:2.19.6', '2.19.6', [card(), card({ id: 'only-old' })]);
    const newer = recording('live:3.6.0', '3.6.0', [card({ sha256: SHA_B })]);
    expect(crossVersionDrift([older, newer], () => DEFAULT_DRIFT_TOLERANCE)).toEqual({
      drifts: [],
      skipped: [
        { card: 'tiny-onnx-sym', from: 'native 2.19.6', to: 'native 3.6.0', reason: 'different artifact sha256' },
        { card: 'only-old', from: 'native 2.19.6', to: 'native 3.6.0', reason: 'not recorded on native 3.6.0' },
      ],
    });
  });
});
