/**
 * The node of an upgrade rehearsal: one kept data dir, started first on the old version and then on the new one
 * (a full-cluster restart), with one ML client that follows the running node. Auto-redeploy is set the same on both
 * starts, as a cluster's opensearch.yml would have it.
 */
import { rm } from 'node:fs/promises';
import type { RunConfig } from '../config/run-config.ts';
import { createMlClient, type MlClient } from '../ml/client.ts';
import { startNativeCluster, type NativeCluster, type StartNativeOptions } from '../targets/native/index.ts';
import { switchableClient, type SwitchableClient } from './switchable-client.ts';

export const AUTO_REDEPLOY_SETTING = 'plugins.ml_commons.model_auto_redeploy.enable';

export interface RehearsalClusterOptions {
  readonly dataDir: string;
  readonly autoRedeploy: boolean;
  readonly config?: RunConfig;
  readonly onProgress?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Injectable for tests. */
  readonly startCluster?: (options: StartNativeOptions) => Promise<NativeCluster>;
  readonly createClient?: (baseUrl: string) => MlClient;
}

export interface StopResult {
  readonly version: string;
  readonly ms: number;
  /** The node logged `closed` (its shutdown hooks ran) rather than being killed after the grace period. */
  readonly clean: boolean;
  readonly logTail: string;
}

export class RehearsalCluster {
  readonly #options: RehearsalClusterOptions;
  readonly #switchable: SwitchableClient = switchableClient();
  #node: NativeCluster | undefined;

  constructor(options: RehearsalClusterOptions) {
    this.#options = options;
  }

  /** Follows the running node; valid across the restart. */
  get client(): MlClient {
    return this.#switchable.client;
  }

  get node(): NativeCluster | undefined {
    return this.#node;
  }

  async start(version: string): Promise<{ readonly node: NativeCluster; readonly startMs: number }> {
    if (this.#node !== undefined) {
      throw new Error(`the rehearsal node ${this.#node.version} is still running; stop it before starting ${version}`);
    }
    const start = this.#options.startCluster ?? startNativeCluster;
    const started = Date.now();
    const node = await start({
      version,
      dataDir: this.#options.dataDir,
      extraSettings: { [AUTO_REDEPLOY_SETTING]: this.#options.autoRedeploy },
      ...(this.#options.config === undefined ? {} : { config: this.#options.config }),
      ...(this.#options.onProgress === undefined ? {} : { onProgress: this.#options.onProgress }),
      ...(this.#options.signal === undefined ? {} : { signal: this.#options.signal }),
    });
    this.#node = node;
    const createClient = this.#options.createClient ?? ((baseUrl: string) => createMlClient({ baseUrl }));
    await this.#switchable.switchTo(createClient(node.baseUrl));
    return { node, startMs: Date.now() - started };
  }

  /** Stops the running node the way an operator does before an upgrade (SIGTERM, wait); the data dir stays. */
  async stop(): Promise<StopResult> {
    const node = this.#node;
    if (node === undefined) {
      throw new Error('no rehearsal node is running');
    }
    const started = Date.now();
    await node.stop();
    this.#node = undefined;
    const logTail = await node.logTail(20);
    return { version: node.version, ms: Date.now() - started, clean: /\]\s+closed\s*$/m.test(logTail), logTail };
  }

  /** Stops whatever runs and removes the kept data dir; idempotent, for afterAll. */
  async dispose(): Promise<void> {
    try {
      await this.#node?.stop();
      this.#node = undefined;
      await this.#switchable.close();
    } finally {
      await rm(this.#options.dataDir, { recursive: true, force: true });
    }
  }
}
