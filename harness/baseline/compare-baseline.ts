/**
 * Comparing this run's recording of a card with a baseline: refuse another model (sha256 or model_config), report a
 * card that is new or gone, and otherwise give per-probe drift, dtype/shape changes and timing factors. Pure, so
 * every verdict is unit-tested without a cluster.
 */
import { embeddingKey, type RecordedCard, type RecordedTimings, type RecordingSource } from '../drift/recording.ts';
import type { DriftTolerance } from '../drift/tolerance.ts';
import { probeDrift, type ProbeDrift } from '../drift/vector-drift.ts';
import { preview } from '../ml/text.ts';
import type { Baseline } from './load-baseline.ts';

export type CardComparison =
  | { readonly kind: 'new'; readonly card: string; readonly reason: string }
  | { readonly kind: 'refused'; readonly card: string; readonly reason: string }
  | {
      readonly kind: 'compared';
      readonly card: string;
      /** One line per probe whose dtype or shape changed. */
      readonly shapeChanges: readonly string[];
      readonly drifts: readonly ProbeDrift[];
      /** `probe/contentType` keys only one side has (a card whose probes were edited). */
      readonly onlyInBaseline: readonly string[];
      readonly onlyNow: readonly string[];
      readonly timings: readonly TimingDrift[];
    };

export interface TimingDrift {
  readonly phase: 'register' | 'deploy' | 'predict';
  readonly baselineMs: number;
  readonly nowMs: number;
  readonly factor: number;
  readonly regressed: boolean;
}

export function compareCard(
  current: RecordedCard,
  baseline: Baseline,
  now: RecordingSource,
  tolerance: DriftTolerance,
): CardComparison {
  const recorded = baseline.cards.get(current.id);
  if (recorded === undefined) {
    return {
      kind: 'new',
      card: current.id,
      reason: `new since the baseline: ${baseline.file} has no card "${current.id}" (recorded on ${baseline.source.version})`,
    };
  }
  if (recorded.sha256 !== current.sha256) {
    return {
      kind: 'refused',
      card: current.id,
      reason:
        `${baseline.file} was recorded for "${current.id}" with artifact sha256 ${recorded.sha256}, but the card's ` +
        `artifact is ${current.sha256}: vectors of another model cannot be compared; record a new baseline`,
    };
  }
  const configChange = firstDifference(recorded.modelConfig, current.modelConfig, 'model_config');
  if (configChange !== undefined) {
    return {
      kind: 'refused',
      card: current.id,
      reason: `${baseline.file} was recorded for "${current.id}" with another model_config (${configChange}): the vectors are not comparable; record a new baseline`,
    };
  }
  const before = new Map(recorded.embeddings.map((e) => [embeddingKey(e), e]));
  const after = new Map(current.embeddings.map((e) => [embeddingKey(e), e]));
  const shapeChanges: string[] = [];
  const drifts: ProbeDrift[] = [];
  for (const [key, then] of before) {
    const nowEmbedding = after.get(key);
    if (nowEmbedding === undefined) {
      continue;
    }
    if (then.dtype !== nowEmbedding.dtype) {
      shapeChanges.push(`${key}: dtype ${then.dtype} → ${nowEmbedding.dtype}`);
    }
    if (then.shape.join(',') !== nowEmbedding.shape.join(',')) {
      shapeChanges.push(`${key}: shape [${then.shape.join(', ')}] → [${nowEmbedding.shape.join(', ')}]`);
    }
    drifts.push(
      probeDrift({
        kind: 'baseline',
        card: current.id,
        from: baseline.source,
        to: now,
        before: then,
        after: nowEmbedding,
        tolerance,
      }),
    );
  }
  return {
    kind: 'compared',
    card: current.id,
    shapeChanges,
    drifts,
    onlyInBaseline: [...before.keys()].filter((key) => !after.has(key)),
    onlyNow: [...after.keys()].filter((key) => !before.has(key)),
    timings: timingDrift(recorded.timings, current.timings, tolerance.maxTimeFactor),
  };
}

/** Baseline cards this run does not have (removed, or left out by ML_CARDS). */
export function goneCards(baseline: Baseline, currentIds: Iterable<string>): string[] {
  const now = new Set(currentIds);
  return [...baseline.cards.keys()].filter((id) => !now.has(id)).sort();
}

export function timingDrift(before: RecordedTimings, after: RecordedTimings, maxFactor: number): TimingDrift[] {
  const phases = [
    ['register', before.registerMs, after.registerMs],
    ['deploy', before.deployMs, after.deployMs],
    ['predict', before.predictMs, after.predictMs],
  ] as const;
  return phases.flatMap(([phase, baselineMs, nowMs]) => {
    if (baselineMs === undefined || nowMs === undefined || baselineMs <= 0) {
      return [];
    }
    const factor = nowMs / baselineMs;
    return [{ phase, baselineMs, nowMs, factor, regressed: factor > maxFactor }];
  });
}

/** The first path where two JSON-like values differ, as `path: baseline X, now Y`; undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (isRecord(a) && isRecord(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const found = firstDifference(a[key], b[key], `${path}.${key}`);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path}: baseline ${preview(a, 60)}, now ${preview(b, 60)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
