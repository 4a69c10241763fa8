/**
 * One ML client that outlives a cluster restart: resources created on the old version are released on the new one,
 * so the ledger's release functions and the lifecycle driver hold this client, and the rehearsal points it at
 * whichever node is running. Every call goes to the current client at call time.
 */
import type { MlClient } from '../ml/client.ts';

export interface SwitchableClient {
  readonly client: MlClient;
  /** Points every later call at `next` and closes the previous client. */
  switchTo(next: MlClient): Promise<void>;
  close(): Promise<void>;
}

export function switchableClient(initial?: MlClient): SwitchableClient {
  let current = initial;
  const target = (): MlClient => {
    if (current === undefined) {
      throw new Error('no cluster is running yet: the rehearsal has not started a node');
    }
    return current;
  };
  // The client is a plain object of closures (no `this`), so forwarding property reads is enough.
  const client = new Proxy({} as MlClient, {
    get: (_target, property) => Reflect.get(target(), property) as unknown,
    has: (_target, property) => Reflect.has(target(), property),
  });
  return {
    client,
    async switchTo(next) {
      const previous = current;
      current = next;
      if (previous !== undefined && previous !== next) {
        await previous.close();
      }
    },
    async close() {
      await current?.close();
      current = undefined;
    },
  };
}
