/**
 * Embedding drift across runs. Every card's probes are embedded and recorded once per target (`drift.record`), then
 * compared with a baseline file (`OMLC_BASELINE`: artifact, dtype/shape, every probe, timings, cards gone) and with the
 * earlier live versions of this run (`drift.cross-version`, checked in the later version's project). Checks with
 * nothing to compare with are skipped with the reason (see harness/drift/drift-plan.ts).
 */
import { describe, expect, inject } from 'vitest';
import { compareCard, goneCards, type CardComparison } from '../harness/baseline/compare-baseline.ts';
import { loadBaseline } from '../harness/baseline/load-baseline.ts';
import { runConfig } from '../harness/config/run-config.ts';
import { crossVersionDrift } from '../harness/drift/cross-version.ts';
import { toDriftEntry } from '../harness/drift/drift-report.ts';
import { driftPlan } from '../harness/drift/drift-plan.ts';
import { EmbeddingStore, embeddingStoreDir } from '../harness/drift/embedding-store.ts';
import { contentTypesOf, recordCard } from '../harness/drift/record-card.ts';
import { embeddingKey, type RecordedCard } from '../harness/drift/recording.ts';
import {
  attachDrift,
  clusterIdentity,
  earlierLiveProjects,
  laterLiveProjects,
  probeVariant,
  produced,
  recordingSource,
} from '../harness/drift/suite-support.ts';
import { conformanceCards } from '../harness/suite/fixtures.ts';
import { registerRequestFor } from '../harness/suite/register-request.ts';
import { openSuite } from '../harness/suite/suite-context.ts';

const config = runConfig();
const plan = driftPlan(config);
// A broken baseline stops this file while it is collected, with every problem and its field path.
const baseline = plan.baseline === undefined ? undefined : loadBaseline(plan.baseline);
const store = new EmbeddingStore(embeddingStoreDir(inject('runId')));
const livePlan = inject('livePlan');
const earlier = earlierLiveProjects(livePlan, config);
const later = laterLiveProjects(livePlan, config);
const cards = conformanceCards();

describe.for(cards)('drift · $id', (card) => {
  const s = openSuite('drift', card);
  const probes = card.probes.flatMap((probe) => contentTypesOf(card).map((contentType) => ({ probe, contentType })));
  let recorded: RecordedCard | undefined;
  let comparison: Extract<CardComparison, { kind: 'compared' }> | undefined;

  s.check('drift.record', async (ctx) => {
    const { groupId } = await s.lifecycle.registerGroup();
    const { modelId } = await s.lifecycle.register(registerRequestFor(card, { groupId }));
    await s.lifecycle.deploy(modelId);
    const wallMs = (phase: string): number | undefined => s.lifecycle.timings().find((t) => t.phase === phase)?.wallMs;
    recorded = await recordCard({
      card,
      modelId,
      predict: (id, request) => s.lifecycle.predict(id, request),
      ...(wallMs('register-model') === undefined ? {} : { registerMs: wallMs('register-model') }),
      ...(wallMs('deploy') === undefined ? {} : { deployMs: wallMs('deploy') }),
    });
    expect(recorded.embeddings.map(embeddingKey)).toEqual(
      probes.map(({ probe, contentType }) => `${probe.id}/${contentType}`),
    );
    await store.write(ctx.task.file.projectName ?? 'default', clusterIdentity(s.live), recorded);
  });

  s.check(
    'drift.artifact',
    (ctx) => {
      const result = compareCard(
        produced(recorded, 'the recording'),
        produced(baseline, 'the baseline'),
        recordingSource(s.live),
        card.expectations.drift,
      );
      if (result.kind === 'new') {
        attachDrift(ctx, { notes: [{ kind: 'new-card', card: card.id, text: result.reason }] });
        return ctx.skip(result.reason);
      }
      if (result.kind === 'refused') {
        attachDrift(ctx, { notes: [{ kind: 'refused', card: card.id, text: result.reason }] });
        expect.fail(result.reason);
      }
      comparison = result.kind === 'compared' ? result : undefined;
      const notes = [
        ...result.onlyInBaseline.map((key) => `probe ${key} is in the baseline but not on the card any more`),
        ...result.onlyNow.map((key) => `probe ${key} is new on the card: not compared`),
      ];
      attachDrift(ctx, { notes: notes.map((text) => ({ kind: 'skipped' as const, card: card.id, text })) });
      return Promise.resolve();
    },
    { after: ['drift.record'] },
  );

  s.check(
    'drift.shape',
    (ctx) => {
      const { shapeChanges } = produced(comparison, 'the comparison');
      attachDrift(ctx, { notes: shapeChanges.map((text) => ({ kind: 'shape' as const, card: card.id, text })) });
      expect(shapeChanges, `dtype/shape changed since ${baseline?.file ?? 'the baseline'}`).toEqual([]);
      return Promise.resolve();
    },
    { after: ['drift.artifact'] },
  );

  for (const { probe, contentType } of probes) {
    s.check(
      'drift.embedding',
      (ctx) => {
        const key = `${probe.id}/${contentType}`;
        const drift = produced(comparison, 'the comparison').drifts.find((d) => embeddingKey(d) === key);
        if (drift === undefined) {
          return ctx.skip(
            `probe ${key} is not in ${baseline?.file ?? 'the baseline'} (the card's probes changed since)`,
          );
        }
        attachDrift(ctx, { entries: [toDriftEntry(drift)] });
        if (!drift.ok) {
          expect.fail(drift.message);
        }
        return Promise.resolve();
      },
      { after: ['drift.artifact'], variant: probeVariant(probe.id, contentType) },
    );
  }

  s.check(
    'drift.timing',
    async (ctx) => {
      const factor = card.expectations.drift.maxTimeFactor;
      const slower = produced(comparison, 'the comparison')
        .timings.filter((t) => t.regressed)
        .map(
          (t) =>
            `${t.phase} ${Math.round(t.nowMs)} ms vs ${Math.round(t.baselineMs)} ms in the baseline (×${t.factor.toFixed(1)} > ×${factor})`,
        );
      attachDrift(ctx, { notes: slower.map((text) => ({ kind: 'timing' as const, card: card.id, text })) });
      if (slower.length > 0) {
        await ctx.annotate(`slower than the baseline: ${slower.join('; ')}`, 'warning');
      }
      if (config.OMLC_DRIFT_FAIL_ON_TIME) {
        expect(slower, 'timing regressions (OMLC_DRIFT_FAIL_ON_TIME=true)').toEqual([]);
      }
    },
    { after: ['drift.artifact'] },
  );

  if (earlier.length === 0) {
    s.check(
      'drift.cross-version',
      (ctx) => {
        const next = later.map((entry) => entry.projectName).join(', ');
        return ctx.skip(`compared in the project of the later version (${next || 'none in this run'})`);
      },
      { after: ['drift.record'] },
    );
  }
  for (const entry of earlier) {
    for (const { probe, contentType } of probes) {
      s.check(
        'drift.cross-version',
        async (ctx) => {
          const mine = produced(recorded, 'the recording');
          const other = (await store.readAll()).find((r) => r.project === entry.projectName);
          const theirs = other?.cards.find((c) => c.id === card.id);
          if (other === undefined || theirs === undefined) {
            return ctx.skip(
              `${entry.projectName} recorded nothing for ${card.id} (its drift.record failed or was skipped)`,
            );
          }
          const { drifts, skipped } = crossVersionDrift(
            [
              { ...other, cards: [theirs] },
              { project: ctx.task.file.projectName ?? 'default', cluster: clusterIdentity(s.live), cards: [mine] },
            ],
            () => card.expectations.drift,
          );
          const drift = drifts.find((d) => embeddingKey(d) === `${probe.id}/${contentType}`);
          if (drift === undefined) {
            return ctx.skip(
              skipped[0]?.reason ?? `probe ${probe.id} (${contentType}) was not recorded on ${entry.projectName}`,
            );
          }
          attachDrift(ctx, { entries: [toDriftEntry(drift)] });
          if (!drift.ok) {
            expect.fail(drift.message);
          }
        },
        {
          after: ['drift.record'],
          // The earlier project without `live:` (`2.19.6`, or `native:2.19.6` when several kinds run): unique per run.
          variant: `${entry.projectName.replace(/^live:/, '')} ${probeVariant(probe.id, contentType)}`,
        },
      );
    }
  }
});

describe('drift · baseline cards', () => {
  const s = openSuite('drift');

  s.check('drift.card-gone', (ctx) => {
    const current = produced(baseline, 'the baseline');
    const gone = goneCards(
      current,
      cards.map((card) => card.id),
    );
    if (gone.length > 0) {
      const where = `${current.file} (recorded on ${current.source.version})`;
      attachDrift(ctx, {
        notes: gone.map((id) => ({ kind: 'gone-card' as const, card: id, text: `in ${where}, not in this run` })),
      });
      return ctx.skip(`in ${where} but not in this run: ${gone.join(', ')} (removed, or left out by ML_CARDS)`);
    }
    expect(gone).toEqual([]);
    return Promise.resolve();
  });
});
