/** Everything one project (one cluster) recorded for drift: which cluster, and each card's recording. */
import type { RecordedCard } from './recording.ts';

export interface ClusterIdentity {
  readonly version: string;
  readonly distribution: string;
  /** Target label, e.g. `native 2.19.6`, `external https://…`, `simulator 3.x`. */
  readonly target: string;
}

export interface RunRecording {
  /** Vitest project, e.g. `live:2.19.6`. */
  readonly project: string;
  readonly cluster: ClusterIdentity;
  readonly cards: readonly RecordedCard[];
}
