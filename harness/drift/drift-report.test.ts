import { describe, expect, it } from 'vitest';
import { card, embedding, LONG, recording, rotated, SHORT } from './testing/recordings.ts';
import { crossVersionDrift } from './cross-version.ts';
import { buildDriftReport, renderDriftMarkdown, toDriftEntry } from './drift-report.ts';
import { DEFAULT_DRIFT_TOLERANCE } from './tolerance.ts';

function sampleReport(): ReturnType<typeof buildDriftReport> {
  const older = recording('live:2.19.6', '2.19.6', [card(), card({ id: 'tiny-torchscript' })]);
  const newer = recording('live:3.6.0', '3.6.0', [
    card({ embeddings: [embedding('short', SHORT), embedding('long', rotated(LONG, 0.03))] }),
    card({
      id: 'tiny-torchscript',
      embeddings: [
        embedding(
          'short',
          SHORT.map((v) => v + 6e-8),
        ),
        embedding('long', LONG),
      ],
    }),
  ]);
  const { drifts } = crossVersionDrift([older, newer], () => DEFAULT_DRIFT_TOLERANCE);
  return buildDriftReport({
    runId: 'run-7',
    now: new Date('2026-12-02T12:00:00Z'),
    entries: drifts.map(toDriftEntry),
    notes: [{ kind: 'gone-card', card: 'minilm', text: 'in the baseline, not in this run' }],
  });
}

describe('the drift report', () => {
  it('orders entries worst first and makes one table row per card and version pair', () => {
    const report = sampleReport();
    expect(report.entries.map((e) => `${e.card}/${e.probe}:${String(e.ok)}`)).toEqual([
      'tiny-onnx-sym/long:false',
      'tiny-torchscript/short:true',
      'tiny-onnx-sym/short:true',
      'tiny-torchscript/long:true',
    ]);
    expect(report.table).toEqual([
      expect.objectContaining({
        card: 'tiny-onnx-sym',
        from: 'native 2.19.6',
        to: 'native 3.6.0',
        comparisons: 2,
        failed: 1,
      }),
      expect.objectContaining({
        card: 'tiny-torchscript',
        comparisons: 2,
        failed: 0,
        worstMaxAbsDiff: expect.closeTo(6e-8, 12) as number,
      }),
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('renders the card × version-pair table, every probe and the notes as Markdown', () => {
    const md = renderDriftMarkdown(sampleReport());
    expect(md).toContain('## Drift across versions in this run');
    expect(md).toMatch(
      /\| tiny-onnx-sym \| native 2\.19\.6 \| native 3\.6\.0 \| 2 \| 0\.999550 \| 2\.22e-2 \| FAIL \(1 of 2\) \|/,
    );
    expect(md).toMatch(
      /\| tiny-torchscript \| native 2\.19\.6 \| native 3\.6\.0 \| 2 \| 1\.0+ \| 6\.\d\de-8 \| pass \|/,
    );
    expect(md).toContain('## In the baseline, not in this run\n\n- minilm: in the baseline, not in this run');
  });

  it('says so when there is nothing to compare', () => {
    const md = renderDriftMarkdown(buildDriftReport({ runId: 'r', now: new Date(0), entries: [] }));
    expect(md).toContain('No drift comparisons in this run');
  });
});
