/**
 * Fault injection for the resilience checks. Only the simulator can inject faults; those checks declare the
 * `faultInjection` capability, so on a real cluster they are skipped (with the reason) before reaching this.
 */
import type { FaultController } from '../../mocks/index.ts';
import { activeSimulator } from '../targets/simulator/active-simulator.ts';

export function faultInjector(): FaultController {
  return activeSimulator().faults;
}
