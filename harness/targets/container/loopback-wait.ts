/**
 * Readiness for a container on the host network. testcontainers' HTTP wait builds its URL from a mapped port, and
 * with host networking nothing is mapped (its lookup throws), so this wait polls the loopback port OpenSearch was told
 * to listen on. Same contract: ready = the path answers 200 before the startup timeout; a container that exits
 * during startup fails the wait at once.
 */
import type { WaitStrategy } from 'testcontainers';
import { Agent, request } from 'undici';

type WaitedContainer = Parameters<WaitStrategy['waitUntilReady']>[0];

export interface LoopbackWaitOptions {
  readonly headers: Readonly<Record<string, string>>;
  /** The image's demo certificate is self-signed (container-config.ts). */
  readonly insecureTls: boolean;
  readonly readTimeoutMs: number;
  readonly intervalMs?: number;
}

export class LoopbackHttpWait implements WaitStrategy {
  readonly url: string;
  readonly options: LoopbackWaitOptions;
  private startupTimeoutMs = 60_000;
  private startupTimeoutSet = false;

  constructor(url: string, options: LoopbackWaitOptions) {
    this.url = url;
    this.options = options;
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    this.startupTimeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.startupTimeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }

  async waitUntilReady(container: WaitedContainer): Promise<void> {
    const deadline = Date.now() + this.startupTimeoutMs;
    const dispatcher = this.options.insecureTls ? new Agent({ connect: { rejectUnauthorized: false } }) : undefined;
    let last: string;
    try {
      for (;;) {
        const state = (await container.inspect()).State;
        if (state.Status === 'exited' || state.Status === 'dead') {
          throw new Error(`the container exited with code ${state.ExitCode} during startup`);
        }
        try {
          const response = await request(this.url, {
            headers: { ...this.options.headers },
            signal: AbortSignal.timeout(this.options.readTimeoutMs),
            ...(dispatcher === undefined ? {} : { dispatcher }),
          });
          await response.body.dump();
          if (response.statusCode === 200) {
            return;
          }
          last = `HTTP ${response.statusCode}`;
        } catch (error) {
          last = error instanceof Error ? error.message : String(error);
        }
        if (Date.now() >= deadline) {
          throw new Error(`${this.url} did not answer 200 within ${this.startupTimeoutMs / 1000} s (last: ${last})`);
        }
        await new Promise((resolve) => setTimeout(resolve, this.options.intervalMs ?? 500));
      }
    } finally {
      await dispatcher?.destroy();
    }
  }
}
