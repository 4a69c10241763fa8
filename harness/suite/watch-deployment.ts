/**
 * `lifecycle.stays-deployed`: a model that serves must keep serving across one run of ML Commons' sync-up job. The
 * watch reads the cluster's interval (`plugins.ml_commons.sync_up_job_interval_in_seconds`), then for one interval
 * plus a margin looks, about once a second, at the model document, its profile and a predict; any moment where the
 * model is not DEPLOYED, not on its worker nodes, or refused as "Model not ready yet" is a flip, reported with the
 * race named (harness/lifecycle/deploy-race.ts). It never redeploys: a flip is the finding.
 */
import { systemClock, type Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { effectiveSetting } from '../ml/cluster-api.ts';
import { isMlHttpError } from '../ml/errors.ts';
import type { PredictRequest } from '../ml/request-types.ts';
import { describeServing, isServing, servingSnapshot } from '../upgrade/wait-for-serving.ts';
import { SYNC_UP_RACE, SYNC_UP_SETTING } from '../lifecycle/deploy-race.ts';

export type WatchClient = Pick<MlClient, 'getClusterSettings' | 'getModel' | 'getModelProfile' | 'predict'>;

export interface Flip {
  /** Milliseconds since the watch started. */
  readonly atMs: number;
  readonly what: string;
}

export interface DeploymentWatch {
  readonly intervalSeconds: number;
  readonly watchedMs: number;
  readonly samples: number;
  readonly flips: readonly Flip[];
}

/** The cluster's sync-up interval in seconds (0: the job never runs). */
export async function syncUpIntervalSeconds(client: Pick<MlClient, 'getClusterSettings'>): Promise<number> {
  const settings = await client.getClusterSettings({ includeDefaults: true });
  const value = Number(effectiveSetting(settings, SYNC_UP_SETTING) ?? 10);
  return Number.isFinite(value) ? value : 10;
}

export interface WatchOptions {
  readonly predict: PredictRequest;
  readonly clock?: Clock;
  /** Between samples; default 1 s. */
  readonly sampleMs?: number;
  /** Added to the interval so the watch surely spans one full run of the job; default 2 s. */
  readonly marginMs?: number;
}

export async function watchDeployment(
  client: WatchClient,
  modelId: string,
  options: WatchOptions,
): Promise<DeploymentWatch> {
  const clock = options.clock ?? systemClock;
  const intervalSeconds = await syncUpIntervalSeconds(client);
  const windowMs = intervalSeconds * 1000 + (options.marginMs ?? 2_000);
  const start = clock.now();
  const flips: Flip[] = [];
  let samples = 0;
  while (clock.now() - start < windowMs) {
    samples += 1;
    const atMs = clock.now() - start;
    const [model, profile] = await Promise.all([client.getModel(modelId), client.getModelProfile(modelId)]);
    const snapshot = servingSnapshot(model, profile, modelId);
    if (!isServing(snapshot)) {
      flips.push({ atMs, what: `model ${describeServing(snapshot)}` });
    }
    try {
      await client.predict(modelId, options.predict);
    } catch (error) {
      if (!isMlHttpError(error)) {
        throw error;
      }
      flips.push({ atMs, what: `predict ${error.status}: ${error.reason ?? error.message}` });
    }
    await clock.sleep(options.sampleMs ?? 1_000);
  }
  return { intervalSeconds, watchedMs: clock.now() - start, samples, flips };
}

/** The failure text for flips: what was seen, when, and the race that explains it. */
export function describeFlips(modelId: string, watch: DeploymentWatch): string {
  const seen = watch.flips
    .slice(0, 5)
    .map((f) => `+${(f.atMs / 1000).toFixed(1)} s ${f.what}`)
    .join('; ');
  return (
    `model ${modelId} stopped serving within one sync-up interval (${watch.intervalSeconds} s, watched ` +
    `${(watch.watchedMs / 1000).toFixed(1)} s): ${seen} — ${SYNC_UP_RACE}`
  );
}
