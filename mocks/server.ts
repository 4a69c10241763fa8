import { setupServer, type SetupServer } from 'msw/node';
import type { Simulator } from './simulator.ts';

/**
 * Starts intercepting with the simulator's handlers. MSW 3 renamed `onUnhandledRequest` to `onUnhandledFrame`;
 * the old name is silently ignored there (unhandled requests would then reach the network), so use this helper
 * rather than calling `listen` by hand. Clients must be constructed after this call: an OpenSearch client built
 * earlier keeps the unpatched `http.request` and bypasses MSW — `assertInterception` detects that.
 */
export function startSimulatorServer(sim: Simulator): SetupServer {
  const server = setupServer(...sim.handlers);
  server.listen({ onUnhandledFrame: 'error' });
  return server;
}
