/** What starting (or connecting to) a live target yields; the globalSetup turns it into the provided target. */
import type { ArtifactServer } from '../../artifacts/artifact-server.ts';
import type { RunConfig } from '../../config/run-config.ts';
import type { PathAvailability, TargetCapabilities, TargetConnection, TargetKind } from '../target-info.ts';

export interface StartedLiveTarget {
  readonly kind: Exclude<TargetKind, 'simulator'>;
  readonly label: string;
  readonly connection: TargetConnection;
  readonly capabilities: TargetCapabilities;
  /** Which registration paths work on the started target (the globalSetup picks one, see choose-registration.ts). */
  readonly registration: { readonly url: PathAvailability; readonly upload: PathAvailability };
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
