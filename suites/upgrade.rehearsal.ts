/**
 * The in-place upgrade rehearsal (project `upgrade:<from>→<to>`, native target): start <from> on a data dir that is
 * kept, register + deploy + predict every card, stop the node, start <to> on the same data dir (a full-cluster
 * restart upgrade), then check what users need after an upgrade — once with ML Commons' auto-redeploy on (the
 * default) and once with it off. What was observed on 2.19.6 → 3.6.0 is in the README ("Upgrades").
 */
import { describe, expect, inject } from 'vitest';
import { buildBaseline, writeBaseline } from '../harness/baseline/build-baseline.ts';
import { firstDifference } from '../harness/baseline/compare-baseline.ts';
import { runConfig } from '../harness/config/run-config.ts';
import { toDriftEntry } from '../harness/drift/drift-report.ts';
import { recordCard } from '../harness/drift/record-card.ts';
import { embeddingKey, type RecordedCard } from '../harness/drift/recording.ts';
import { attachDrift, produced } from '../harness/drift/suite-support.ts';
import { probeDrift } from '../harness/drift/vector-drift.ts';
import type { Model } from '../harness/ml/schemas.ts';
import { summarizeHistory } from '../harness/ml/poll-loop.ts';
import { waitForModelState } from '../harness/ml/wait-for-model-state.ts';
import { conformanceCards } from '../harness/suite/fixtures.ts';
import { registerRequestFor } from '../harness/suite/register-request.ts';
import { waitUntilNothingLeft } from '../harness/upgrade/leftovers.ts';
import { openRehearsal, REHEARSAL_VARIANTS } from '../harness/upgrade/rehearsal-suite.ts';
import { waitForServing } from '../harness/upgrade/wait-for-serving.ts';
import path from 'node:path';

const plan = inject('upgradePlan');
if (plan === undefined) {
  throw new Error('suites/upgrade.rehearsal.ts runs in the upgrade:<from>→<to> project only');
}
const cards = conformanceCards();

/** Auto-redeploy starts one sync interval (10 s) after the node is cluster manager and redeploys one model at a time. */
const REDEPLOY_DEADLINE_MS = 60_000 + 30_000 * cards.length;
/** The sync job marks unloaded models DEPLOY_FAILED at its first run, one interval after start (observed: 16 s). */
const DEPLOY_FAILED_DEADLINE_MS = 90_000;
/** Model chunks are removed by delete-by-query after DELETE answered. */
const CHUNKS_DEADLINE_MS = 60_000;

interface Prepared {
  readonly modelId: string;
  readonly groupId: string;
  readonly model: Model;
  readonly before: RecordedCard;
}

describe.for(REHEARSAL_VARIANTS)(`upgrade ${plan.from} → ${plan.to} · $title`, (variant) => {
  const r = openRehearsal(plan, variant);
  const prepared = new Map<string, Prepared>();
  // The variant is part of the label, so drift.md keeps the two rehearsals apart.
  const source = (when: 'before' | 'after') =>
    when === 'before'
      ? { label: `native ${plan.from} (before, ${variant.title})`, version: plan.from }
      : { label: `native ${plan.to} (after the upgrade)`, version: plan.to };

  r.check('upgrade.start-from', async () => {
    const { node } = await r.node.start(plan.from);
    expect(node.version).toBe(plan.from);
    expect((await r.client.info()).versionNumber).toBe(plan.from);
  });

  for (const card of cards) {
    r.check(
      'upgrade.prepare',
      async () => {
        const lifecycle = r.lifecycle(card);
        const { groupId } = await lifecycle.registerGroup();
        const { modelId } = await lifecycle.registerModel(registerRequestFor(card, { groupId }));
        await lifecycle.deploy(modelId);
        await waitForServing(r.client, modelId, { timeoutMs: 60_000 });
        const wallMs = (phase: string): number | undefined =>
          lifecycle.timings().find((t) => t.phase === phase)?.wallMs;
        const before = await recordCard({
          card,
          modelId,
          predict: (id, request) => lifecycle.predict(id, request),
          ...(wallMs('register-model') === undefined ? {} : { registerMs: wallMs('register-model') }),
          ...(wallMs('deploy') === undefined ? {} : { deployMs: wallMs('deploy') }),
        });
        prepared.set(card.id, { modelId, groupId, model: await r.client.getModel(modelId), before });
      },
      { card, after: ['upgrade.start-from'] },
    );
  }

  r.check(
    'upgrade.stop',
    async () => {
      // The pre-upgrade vectors, as a baseline file next to the reports (what `baseline record` would have written).
      const reports = path.resolve(runConfig().OMLC_REPORTS_DIR, 'upgrade');
      await writeBaseline(
        path.join(reports, `baseline-${plan.from}-${variant.id}.json`),
        buildBaseline({
          runId: r.runId,
          recordedAt: new Date(),
          recording: {
            project: `upgrade:${plan.from}→${plan.to}`,
            cluster: { version: plan.from, distribution: 'opensearch', target: `native ${plan.from}` },
            cards: [...prepared.values()].map((p) => p.before),
          },
          checks: [],
        }),
      );
      const stopped = await r.node.stop();
      expect(stopped.clean, `the node did not log "closed":\n${stopped.logTail}`).toBe(true);
    },
    { after: ['upgrade.start-from'] },
  );

  r.check(
    'upgrade.version',
    async () => {
      const { node } = await r.node.start(plan.to);
      expect(node.version).toBe(plan.to);
      expect((await r.client.info()).versionNumber).toBe(plan.to);
    },
    { after: ['upgrade.stop'] },
  );

  for (const card of cards) {
    r.check(
      'upgrade.ids',
      async () => {
        const before = produced(prepared.get(card.id), 'the prepared model');
        const model = await r.client.getModel(before.modelId);
        expect(model.model_group_id, 'model group id').toBe(before.groupId);
        expect(model.name).toBe(before.model.name);
        expect(model.model_content_hash_value).toBe(card.artifact.sha256);
        expect(model.total_chunks).toBe(before.model.total_chunks);
        const config = firstDifference(
          before.model.model_config,
          pick(model.model_config, before.model.model_config),
          'model_config',
        );
        expect(config, 'model_config changed by the upgrade').toBeUndefined();
        expect((await r.client.getModelGroup(before.groupId)).name).toBeTypeOf('string');
      },
      { card, after: ['upgrade.version', r.key('upgrade.prepare', card)] },
    );

    if (variant.autoRedeploy) {
      r.check(
        'upgrade.redeployed',
        async (ctx) => {
          const { modelId } = produced(prepared.get(card.id), 'the prepared model');
          const serving = await waitForServing(r.client, modelId, {
            timeoutMs: REDEPLOY_DEADLINE_MS,
            failOn: ['DEPLOY_FAILED'],
          });
          await ctx.annotate(`after the restart: ${summarizeHistory(serving.history)}`, 'notice');
          expect(serving.workerNodes.length).toBeGreaterThan(0);
        },
        { card, after: [r.key('upgrade.ids', card)] },
      );
    } else {
      r.check(
        'upgrade.deploy-failed',
        async (ctx) => {
          const { modelId } = produced(prepared.get(card.id), 'the prepared model');
          const states: string[] = [];
          const model = await waitForModelState(r.client, modelId, ['DEPLOY_FAILED'], {
            timeoutMs: DEPLOY_FAILED_DEADLINE_MS,
            onState: (state, _model, observation) =>
              states.push(`${state} at ${(observation.elapsedMs / 1000).toFixed(1)} s`),
          });
          await ctx.annotate(`after the restart: ${states.join(' → ')}`, 'notice');
          expect(model.current_worker_node_count ?? 0).toBe(0);
          const profile = await r.client.getModelProfile(modelId);
          expect(Object.keys(profile.nodes ?? {}), 'no node holds the model').toEqual([]);
        },
        { card, after: [r.key('upgrade.ids', card)] },
      );
      r.check(
        'upgrade.deploy-again',
        async () => {
          const { modelId } = produced(prepared.get(card.id), 'the prepared model');
          const { task } = await r.lifecycle(card).deploy(modelId);
          expect(task.state).toBe('COMPLETED');
          await waitForServing(r.client, modelId, { timeoutMs: 60_000, failOn: ['DEPLOY_FAILED'] });
        },
        { card, after: [r.key('upgrade.deploy-failed', card)] },
      );
    }

    const served = variant.autoRedeploy ? r.key('upgrade.redeployed', card) : r.key('upgrade.deploy-again', card);
    r.check(
      'upgrade.predictions',
      async (ctx) => {
        const { modelId, before } = produced(prepared.get(card.id), 'the prepared model');
        const after = await recordCard({
          card,
          modelId,
          predict: (id, request) => r.lifecycle(card).predict(id, request),
        });
        const afterByKey = new Map(after.embeddings.map((e) => [embeddingKey(e), e]));
        const drifts = before.embeddings.map((then) =>
          probeDrift({
            kind: 'upgrade',
            card: card.id,
            from: source('before'),
            to: source('after'),
            before: then,
            after: produced(
              afterByKey.get(embeddingKey(then)),
              `the ${embeddingKey(then)} embedding after the upgrade`,
            ),
            tolerance: card.expectations.drift,
          }),
        );
        attachDrift(ctx, { entries: drifts.map(toDriftEntry) });
        const failed = drifts.filter((d) => !d.ok).map((d) => d.message);
        expect(failed, 'predictions that moved beyond the drift tolerance').toEqual([]);
      },
      { card, after: [served] },
    );

    r.check(
      'upgrade.undeploy-delete',
      async () => {
        const { modelId, groupId } = produced(prepared.get(card.id), 'the prepared model');
        const lifecycle = r.lifecycle(card);
        const { model } = await lifecycle.undeploy(modelId);
        expect(model.model_state).toBe('UNDEPLOYED');
        await lifecycle.deleteModel(modelId);
        await lifecycle.deleteGroup(groupId);
        await expect(r.client.getModel(modelId)).rejects.toMatchObject({ status: 404 });
      },
      { card, after: [served] },
    );
  }

  r.check(
    'upgrade.clean',
    async () => {
      await waitUntilNothingLeft(r.client, r.namePrefix, { timeoutMs: CHUNKS_DEADLINE_MS });
    },
    { after: ['upgrade.version'] },
  );
});

/** The keys of `like` taken from `value`: fields 3.x adds to model_config are not a change of the model. */
function pick(value: unknown, like: unknown): unknown {
  if (typeof value !== 'object' || value === null || typeof like !== 'object' || like === null) {
    return value;
  }
  return Object.fromEntries(Object.keys(like).map((key) => [key, (value as Record<string, unknown>)[key]]));
}
