/**
 * A cluster that runs in this process — the simulator — can tell waiters the moment its background work moved on (a
 * task ended, an undeploy applied), so a wait polls again at once instead of sleeping out its interval. A real
 * cluster cannot: its waits poll on their schedule alone. The offline worker setup installs the simulator's signal;
 * the poll loop races each sleep against it.
 */
export type ChangeSignal = () => Promise<void>;

let installed: ChangeSignal | undefined;

export function installChangeSignal(signal: ChangeSignal | undefined): void {
  installed = signal;
}

export function changeSignal(): ChangeSignal | undefined {
  return installed;
}
