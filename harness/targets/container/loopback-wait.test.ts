import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackHttpWait } from './loopback-wait.ts';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** Answers 503 `failures` times, then 200; records the Authorization header. */
async function health(failures: number, seen: string[]): Promise<string> {
  let calls = 0;
  server = createServer((request, response) => {
    seen.push(request.headers.authorization ?? '-');
    calls += 1;
    response.writeHead(calls > failures ? 200 : 503).end('{}');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}/_cluster/health`;
}

function fakeContainer(states: string[]) {
  let i = 0;
  return {
    inspect: () => {
      const Status = states[Math.min(i, states.length - 1)] ?? 'running';
      i += 1;
      return Promise.resolve({ State: { Status, ExitCode: Status === 'exited' ? 1 : 0 } });
    },
  } as never;
}

const options = { headers: { Authorization: 'Basic YTpi' }, insecureTls: false, readTimeoutMs: 1_000, intervalMs: 10 };

describe('LoopbackHttpWait', () => {
  it('polls the loopback URL until it answers 200, with the given headers', async () => {
    const seen: string[] = [];
    const url = await health(2, seen);
    await new LoopbackHttpWait(url, options).withStartupTimeout(5_000).waitUntilReady(fakeContainer(['running']));
    expect(seen).toEqual(['Basic YTpi', 'Basic YTpi', 'Basic YTpi']);
  });

  it('fails at once when the container exits during startup', async () => {
    const url = await health(100, []);
    const wait = new LoopbackHttpWait(url, options).withStartupTimeout(60_000);
    await expect(wait.waitUntilReady(fakeContainer(['running', 'exited']))).rejects.toThrow(
      'the container exited with code 1 during startup',
    );
  });

  it('fails after the startup timeout naming the last answer', async () => {
    const url = await health(1_000, []);
    const wait = new LoopbackHttpWait(url, options).withStartupTimeout(100);
    expect(wait.getStartupTimeout()).toBe(100);
    await expect(wait.waitUntilReady(fakeContainer(['running']))).rejects.toThrow(
      `${url} did not answer 200 within 0.1 s (last: HTTP 503)`,
    );
  });
});
