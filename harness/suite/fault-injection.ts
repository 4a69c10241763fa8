/**
 * Fault injection for the resilience checks: the simulator's fault controller offline, the fault proxy's in front of
 * a real cluster (a suite opened with `{ faults: true }` talks through one). Both take the same plans. The checks
 * declare the `faultInjection` capability, so a target that can have neither skips them with the reason.
 */
import type { FaultController } from '../../mocks/index.ts';
import { activeSimulator } from '../targets/simulator/active-simulator.ts';

let proxyFaults: FaultController | undefined;

/** Set while a suite of this worker talks through the fault proxy. */
export function setProxyFaults(faults: FaultController | undefined): void {
  proxyFaults = faults;
}

export function faultInjector(): FaultController {
  return proxyFaults ?? activeSimulator().faults;
}
