/** What starting (or connecting to) a live target yields; the globalSetup turns it into the provided target. */
import type { ArtifactServer } from '../../artifacts/artifact-server.ts';
import type { RunConfig } from '../../config/run-config.ts';
import type { PathAvailability, TargetCapabilities, TargetConnection, TargetKind } from '../target-info.ts';

export interface StartedLiveTarget {
  readonly kind: Exclude<TargetKind, 'simulator'>;
  readonly label: string;
  readonly connection: TargetConnection;
  /** `syncUpJob` is read from the cluster once it answers (global-setup.ts). */
  readonly capabilities: Omit<TargetCapabilities, 'syncUpJob'>;
  /** Which registration paths work on the started target (the globalSetup picks one, see choose-registration.ts). */
  readonly registration: { readonly url: PathAvailability; readonly upload: PathAvailability };
  readonly version: string;
  readonly distribution: string;
  /**
   * Resolves, with one message (how it ended and the tail of its log), if the cluster the harness started dies on its
   * own during the run; absent for a cluster someone else runs.
   */
  readonly lost?: Promise<string>;
  /**
   * Stops what was started (and restores what was changed); idempotent. `interrupted`: the run was stopped by a
   * signal, so nothing is kept for diagnosis (the native run dir goes too).
   */
  stop(options?: { readonly interrupted?: boolean }): Promise<void>;
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
