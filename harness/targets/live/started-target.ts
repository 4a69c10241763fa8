/** What starting (or connecting to) a live target yields; the globalSetup turns it into the provided target. */
import type { ArtifactServer } from '../../artifacts/artifact-server.ts';
import type { RunConfig } from '../../config/run-config.ts';
import type { TargetCapabilities, TargetConnection, TargetKind } from '../target-info.ts';

export interface StartedLiveTarget {
  readonly kind: Exclude<TargetKind, 'simulator'>;
  readonly label: string;
  readonly connection: TargetConnection;
  readonly capabilities: TargetCapabilities;
  readonly version: string;
  readonly distribution: string;
  /** Stops what was started (and restores what was changed); idempotent. */
  stop(): Promise<void>;
}

export interface LiveStartContext {
  readonly projectName: string;
  /** The version to start (native/container). */
  readonly version: string | undefined;
  readonly artifacts: ArtifactServer;
  readonly config: RunConfig;
  readonly log: (line: string) => void;
  readonly signal: AbortSignal;
}
