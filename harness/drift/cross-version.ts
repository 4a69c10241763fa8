/**
 * Cross-version drift within one run: when several live projects (OpenSearch versions) recorded the same card, every
 * pair of versions is compared probe by probe. Pairs are ordered oldest → newest, so `from` is the version a user
 * upgrades from.
 */
import semver from 'semver';
import { embeddingKey } from './recording.ts';
import type { RunRecording } from './run-recording.ts';
import type { DriftTolerance } from './tolerance.ts';
import { probeDrift, type ProbeDrift } from './vector-drift.ts';

export interface CrossVersionSkip {
  readonly card: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

export interface CrossVersionResult {
  readonly drifts: readonly ProbeDrift[];
  readonly skipped: readonly CrossVersionSkip[];
}

function byVersion(a: RunRecording, b: RunRecording): number {
  const va = semver.valid(semver.coerce(a.cluster.version));
  const vb = semver.valid(semver.coerce(b.cluster.version));
  return va !== null && vb !== null ? semver.compare(va, vb) : a.project.localeCompare(b.project);
}

export function crossVersionDrift(
  recordings: readonly RunRecording[],
  toleranceFor: (cardId: string) => DriftTolerance,
): CrossVersionResult {
  const ordered = [...recordings].sort(byVersion);
  const drifts: ProbeDrift[] = [];
  const skipped: CrossVersionSkip[] = [];
  for (let i = 0; i < ordered.length; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      const older = ordered[i];
      const newer = ordered[j];
      if (older === undefined || newer === undefined) {
        continue;
      }
      const from = { label: older.cluster.target, version: older.cluster.version };
      const to = { label: newer.cluster.target, version: newer.cluster.version };
      const newerCards = new Map(newer.cards.map((card) => [card.id, card]));
      for (const card of older.cards) {
        const other = newerCards.get(card.id);
        if (other === undefined) {
          skipped.push({ card: card.id, from: from.label, to: to.label, reason: `not recorded on ${to.label}` });
          continue;
        }
        if (other.sha256 !== card.sha256) {
          skipped.push({ card: card.id, from: from.label, to: to.label, reason: 'different artifact sha256' });
          continue;
        }
        const after = new Map(other.embeddings.map((e) => [embeddingKey(e), e]));
        for (const before of card.embeddings) {
          const match = after.get(embeddingKey(before));
          if (match !== undefined) {
            drifts.push(
              probeDrift({
                kind: 'cross-version',
                card: card.id,
                from,
                to,
                before,
                after: match,
                tolerance: toleranceFor(card.id),
              }),
            );
          }
        }
      }
    }
  }
  return { drifts, skipped };
}
