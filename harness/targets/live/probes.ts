/** The cheap, local probes auto-detection runs (no downloads, no cluster start). */
import { errorMessage } from '../../errors/error-message.ts';
import { nativeAvailability } from '../native/index.ts';
import type { LiveProbes, Probe } from './resolve-live-target.ts';

async function containerProbe(): Promise<Probe> {
  try {
    // Before the first lookup: on the host network the runtime is on this host (runtime-env.ts).
    const { applyHostNetworkDefaults } = await import('../container/runtime-env.ts');
    applyHostNetworkDefaults();
    const { getContainerRuntimeClient } = await import('testcontainers');
    const client = await getContainerRuntimeClient();
    return { ok: true, detail: `container runtime ${client.info.containerRuntime.host} works` };
  } catch (error) {
    const message = errorMessage(error);
    return { ok: false, detail: `no container runtime: ${message}` };
  }
}

async function nativeProbe(version: string): Promise<Probe> {
  const result = await nativeAvailability({ versions: [version] });
  return result.ok ? { ok: true, detail: result.why } : { ok: false, detail: result.reason };
}

export const localProbes: LiveProbes = { container: containerProbe, native: nativeProbe };
