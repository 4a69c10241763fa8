/**
 * The simulated cluster's base URL points at this loopback server. MSW answers every request before a socket
 * opens; a request that reaches this server escaped interception (a client built before `listen()`), and gets a
 * loud 599 instead of silently talking to whatever else might listen on a well-known port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const ESCAPED_STATUS = 599;

export interface Tripwire {
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startTripwire(): Promise<Tripwire> {
  const server = createServer((request, response) => {
    response.writeHead(ESCAPED_STATUS, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        error: {
          type: 'simulator_escape',
          reason: `request ${request.method ?? ''} ${request.url ?? ''} escaped the ML Commons simulator: MSW did not intercept it (was the client created before server.listen()?)`,
        },
        status: ESCAPED_STATUS,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
