/**
 * The simulator running in this test worker, for the few checks that need its fault controller (they are gated
 * on the `faultInjection` capability, so they never run on a real cluster).
 */
import type { Simulator } from '../../../mocks/index.ts';

let active: Simulator | undefined;

export function setActiveSimulator(sim: Simulator | undefined): void {
  active = sim;
}

export function activeSimulator(): Simulator {
  if (active === undefined) {
    throw new Error('no simulator in this worker: fault injection is only available on offline (simulator) projects');
  }
  return active;
}
