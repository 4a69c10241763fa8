import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Simulator } from '../simulator.ts';

/**
 * One MSW server per test file whose handlers are swapped per test, so a file can cover several profiles or
 * option sets. Install the simulator inside the test (after `listen`), then build clients.
 */
export function useMswServer(): { install(sim: Simulator): void; readonly server: SetupServer } {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    install(sim) {
      server.resetHandlers(...sim.handlers);
    },
  };
}
