import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@opensearch-project/opensearch';
import { http, passthrough } from 'msw';
import { describe, expect, it } from 'vitest';
import { startSimulatorServer } from '../server.ts';
import { createSimulator } from '../simulator.ts';
import { createFakeBackend } from '../test-support/fake-backend.ts';
import { assertInterception, InterceptionError } from './assert-interception.ts';

const BASE = 'http://127.0.0.1:9200';
const simulator = () => createSimulator({ profile: '2.19', baseUrl: BASE, inference: createFakeBackend() });

describe('assertInterception', () => {
  it('passes through fetch and opensearch-js when the simulator answers, reporting the instance', async () => {
    const sim = simulator();
    const server = startSimulatorServer(sim);
    try {
      const client = new Client({ node: BASE });
      const report = await assertInterception(BASE, { client, instanceId: sim.instanceId });
      expect(report).toEqual({
        instanceId: sim.instanceId,
        profile: '2.19',
        version: '2.19.6',
        checked: ['opensearch-js', 'fetch'],
      });
      await assertInterception(`${BASE}/`);
      await client.close();
    } finally {
      server.close();
    }
  });

  it('names the cause when the client was built before listen() (silent MSW bypass)', async () => {
    const early = new Client({ node: BASE, maxRetries: 0 });
    const server = startSimulatorServer(simulator());
    try {
      const failure = assertInterception(BASE, { client: early, via: ['opensearch-js'] });
      await expect(failure).rejects.toBeInstanceOf(InterceptionError);
      await expect(failure).rejects.toThrow(/constructed before server\.listen\(\)/);
    } finally {
      server.close();
      await early.close();
    }
  });

  it('fails when no MSW server is listening', async () => {
    await expect(assertInterception(BASE, { via: ['fetch'] })).rejects.toThrow(
      /fetch GET http:\/\/127\.0\.0\.1:9200\/_omlc\/sentinel was not answered by the simulator/,
    );
  });

  it('fails when a real server answers instead of the simulator', async () => {
    const real = createServer((_req, res) =>
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no"}'),
    );
    await new Promise<void>((resolve) => real.listen(0, '127.0.0.1', resolve));
    const realUrl = `http://127.0.0.1:${(real.address() as AddressInfo).port}`;
    const server = startSimulatorServer(simulator());
    server.use(http.all(`${realUrl}/*`, () => passthrough()));
    try {
      await expect(assertInterception(realUrl)).rejects.toThrow(/answered, but not by the simulator \(status 404/);
    } finally {
      server.close();
      real.closeAllConnections();
      await new Promise((resolve) => real.close(resolve));
    }
  });

  it('fails when another simulator instance answers', async () => {
    const other = simulator();
    const server = startSimulatorServer(simulator());
    try {
      await expect(assertInterception(BASE, { instanceId: other.instanceId, via: ['fetch'] })).rejects.toThrow(
        /different simulator instance/,
      );
    } finally {
      server.close();
    }
  });
});
