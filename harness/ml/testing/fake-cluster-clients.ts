/**
 * Tests of the ML client against a fake cluster: a fresh cluster for every test, and every client made for it closed
 * after the test, before the cluster.
 */
import { afterEach, beforeEach } from 'vitest';
import type { TargetConnection } from '../../targets/target-info.ts';
import { createMlClient, type MlClient } from '../client.ts';
import type { MlClientOptions } from '../transport.ts';
import { startFakeCluster, type FakeCluster } from './fake-cluster.ts';

export interface FakeClusterClients {
  /** The running test's cluster. */
  readonly cluster: FakeCluster;
  /** Stops the cluster and starts another (on a new port: the old URL then refuses connections). */
  restart(): Promise<void>;
  /** A client for the cluster (or for `connection.baseUrl`), closed after the test. */
  readonly clientFor: (connection?: Partial<TargetConnection>, options?: MlClientOptions) => MlClient;
}

export function useFakeClusterClients(): FakeClusterClients {
  let current: FakeCluster | undefined;
  const clients: MlClient[] = [];
  const running = (): FakeCluster => {
    if (current === undefined) {
      throw new Error('the fake cluster runs only inside a test');
    }
    return current;
  };
  beforeEach(async () => {
    current = await startFakeCluster();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await current?.close();
    current = undefined;
  });
  return {
    get cluster() {
      return running();
    },
    async restart() {
      await running().close();
      current = await startFakeCluster();
    },
    clientFor: (connection = {}, options) => {
      const client = createMlClient({ baseUrl: running().url, ...connection }, options);
      clients.push(client);
      return client;
    },
  };
}
